import { parseLintOutput } from './lint-output.parser';

describe('parseLintOutput', () => {
  it('reads one-problem-a-line output without line numbers in the identity', () => {
    const run = parseLintOutput(
      [
        "calc.py:1:1: F401 'os' imported but unused",
        './pkg/x.go:3:2: unreachable code',
        'src/a.ts(3,5): error TS2322: Type string is not assignable',
      ].join('\n'),
    );
    expect(run?.failures.map((f) => [f.name, f.file])).toEqual([
      ["F401 'os' imported but unused", 'calc.py'],
      ['unreachable code', 'pkg/x.go'],
      ['error TS2322: Type string is not assignable', 'src/a.ts'],
    ]);
  });

  it('reads ESLint’s stylish blocks and leaves warnings out', () => {
    const output = [
      '',
      '/workspace/src/index.js',
      "  1:7   error    'unused' is assigned a value but never used  no-unused-vars",
      '  2:1   warning  Unexpected console statement                 no-console',
      '',
      '✖ 2 problems (1 error, 1 warning)',
    ].join('\n');
    expect(parseLintOutput(output)?.failures.map((f) => [f.name, f.file])).toEqual([
      ["'unused' is assigned a value but never used  no-unused-vars", 'src/index.js'],
    ]);
  });

  it('is null when nothing looks like a problem', () => {
    expect(parseLintOutput('All checks passed!\n')).toBeNull();
  });
});
