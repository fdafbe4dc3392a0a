import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';
import { ZodValidationPipe } from './zod-validation.pipe';

const schema = z.strictObject({ name: z.string().min(1, 'name is required'), count: z.number().int().optional() });

function refusal(value: unknown): string {
  try {
    new ZodValidationPipe(schema).transform(value);
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as BadRequestException).message;
  }
  throw new Error('expected a refusal');
}

describe('ZodValidationPipe', () => {
  it('returns the parsed value', () => {
    expect(new ZodValidationPipe(schema).transform({ name: 'a', count: 2 })).toEqual({ name: 'a', count: 2 });
  });

  it('refuses with a 400 naming each offending field', () => {
    expect(refusal({ name: '', count: 1.5 })).toBe(
      'name: name is required; count: Invalid input: expected int, received number',
    );
  });

  it('names unknown fields, and the body when the problem is the whole value', () => {
    expect(refusal({ name: 'a', colour: 'red' })).toBe('body: unknown field(s) "colour"');
    expect(refusal('text')).toMatch(/^body: /);
  });

  it('validates a missing body as an empty object', () => {
    expect(refusal(undefined)).toMatch(/^name: /);
  });

  it('names at most five problems', () => {
    const wide = z.strictObject(Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map((key) => [key, z.string()])));
    try {
      new ZodValidationPipe(wide).transform({});
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as Error).message.split('; ')).toHaveLength(5);
    }
  });
});
