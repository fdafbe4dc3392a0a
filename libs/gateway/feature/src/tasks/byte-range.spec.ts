import { byteRange } from './byte-range';

describe('byteRange', () => {
  it('answers the whole body without a usable single range', () => {
    for (const header of [undefined, '', 'items=0-5', 'bytes=0-1,4-5', 'bytes=-', 'bytes=abc', 'bytes=5-2'])
      expect(byteRange(header, 100)).toEqual({ kind: 'full' });
  });

  it('reads a first-last range and clips its end to the body', () => {
    expect(byteRange('bytes=0-0', 100)).toEqual({ kind: 'partial', start: 0, end: 0 });
    expect(byteRange('bytes=10-19', 100)).toEqual({ kind: 'partial', start: 10, end: 19 });
    expect(byteRange('bytes=90-500', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(byteRange('bytes=40-', 100)).toEqual({ kind: 'partial', start: 40, end: 99 });
  });

  it('reads a suffix range as the last bytes', () => {
    expect(byteRange('bytes=-10', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(byteRange('bytes=-500', 100)).toEqual({ kind: 'partial', start: 0, end: 99 });
  });

  it('refuses a range that starts past the end, or an empty suffix', () => {
    expect(byteRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(byteRange('bytes=250-300', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(byteRange('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' });
  });
});
