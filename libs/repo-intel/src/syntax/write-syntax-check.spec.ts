import { checkWriteSyntax } from './write-syntax-check';

describe('checkWriteSyntax (the rule for every write of an agent)', () => {
  const valid = 'def mul(a, b):\n    return a * b\n';
  const broken = 'def mul(a, b):\nreturn a * b\n';

  it('lets a write that parses through', async () => {
    expect(await checkWriteSyntax('calc.py', valid, valid.replace('*', '+'))).toEqual({ kind: 'parses' });
    expect(await checkWriteSyntax('calc.py', null, valid)).toEqual({ kind: 'parses' });
  });

  it('refuses a write that breaks a file that parsed, and a new file that does not parse', async () => {
    const problem = { line: 1, column: 15, message: 'expected an indented block after line 1' };
    expect(await checkWriteSyntax('calc.py', valid, broken)).toEqual({ kind: 'breaks', problem, newFile: false });
    expect(await checkWriteSyntax('calc.py', null, broken)).toEqual({ kind: 'breaks', problem, newFile: true });
  });

  it('does not block a file that was already broken, and says where it was and is broken', async () => {
    expect(await checkWriteSyntax('calc.py', broken, `${broken}x = (\n`)).toEqual({
      kind: 'already-broken',
      before: { line: 1, column: 15, message: 'expected an indented block after line 1' },
      after: { line: 1, column: 15, message: 'expected an indented block after line 1' },
    });
  });

  it('leaves languages without a grammar unchecked', async () => {
    expect(await checkWriteSyntax('README.md', '# a\n', '((( not code')).toEqual({ kind: 'unchecked' });
  });
});
