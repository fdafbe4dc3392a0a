import { OutputBuffer } from './output-buffer';

describe('OutputBuffer', () => {
  it('keeps everything under the limit', () => {
    const buffer = new OutputBuffer(10);
    buffer.append(Buffer.from('abc'));
    buffer.append(Buffer.from('def'));
    expect(buffer.toString()).toBe('abcdef');
    expect(buffer.truncated).toBe(false);
  });

  it('keeps the tail when the limit is exceeded', () => {
    const buffer = new OutputBuffer(5);
    buffer.append(Buffer.from('abc'));
    buffer.append(Buffer.from('defgh'));
    expect(buffer.toString()).toBe('defgh');
    buffer.append(Buffer.from('ij'));
    expect(buffer.toString()).toBe('fghij');
    expect(buffer.truncated).toBe(true);
  });
});
