import { z } from 'zod';
import { ConfigValidationError, envPort, loadConfig } from './load-config';

describe('loadConfig', () => {
  const schema = z.object({ PORT: envPort.default(3000), DATABASE_URL: z.url() });

  it('names every bad variable', () => {
    expect(() => loadConfig(schema, { PORT: 'abc', DATABASE_URL: 'nope' })).toThrow(ConfigValidationError);
    try {
      loadConfig(schema, { PORT: 'abc', DATABASE_URL: 'nope' });
    } catch (error) {
      expect((error as ConfigValidationError).problems.map((p) => p.split(':')[0])).toEqual(['PORT', 'DATABASE_URL']);
    }
  });

  it('treats empty strings as unset so defaults apply', () => {
    expect(loadConfig(schema, { PORT: '', DATABASE_URL: 'postgres://h/db' }).PORT).toBe(3000);
  });
});
