import { stripAnsi, trimMiddle } from './terminal-text';

const ESC = String.fromCharCode(27);

describe('stripAnsi', () => {
  it('removes colour codes and hyperlinks a runner prints, keeping the text', () => {
    const coloured = `${ESC}[31m✖ greets by name${ESC}[39m ${ESC}]8;;file:///workspace/test/greet.test.js${ESC}\\link${ESC}]8;;${ESC}\\ ${ESC}[1;2mdone${ESC}[0m`;
    expect(stripAnsi(coloured)).toBe('✖ greets by name link done');
  });

  it('leaves plain text alone', () => {
    expect(stripAnsi("'Hello, Ada' !== 'Hello, Ada!'")).toBe("'Hello, Ada' !== 'Hello, Ada!'");
  });
});

describe('trimMiddle', () => {
  it('returns short text unchanged', () => {
    expect(trimMiddle('short', 10)).toBe('short');
  });

  it('keeps the beginning and the end and says how much of the middle was cut', () => {
    const text = `START${'x'.repeat(10_000)}END`;
    const trimmed = trimMiddle(text, 200);
    expect(trimmed.length).toBeLessThanOrEqual(200);
    expect(trimmed.startsWith('START')).toBe(true);
    expect(trimmed.endsWith('END')).toBe(true);
    const cut = Number(/\[(\d+) characters cut from the middle\]/.exec(trimmed)?.[1]);
    // What was kept plus what was cut is the whole text.
    const kept = trimmed.replace(/\n… \[\d+ characters cut from the middle\] …\n/, '');
    expect(kept.length + cut).toBe(text.length);
  });

  it('never splits a character made of a surrogate pair', () => {
    const text = '😀'.repeat(500);
    const kept = trimMiddle(text, 101).replace(/\n… \[\d+ characters cut from the middle\] …\n/, '');
    expect([...kept].every((char) => char === '😀')).toBe(true);
  });
});
