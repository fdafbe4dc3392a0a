import { syntaxErrors } from './syntax-errors';

async function firstProblem(path: string, content: string) {
  const problems = await syntaxErrors(path, content);
  if (problems === null) throw new Error(`${path} is not checked`);
  return problems[0] ?? null;
}

describe('syntaxErrors', () => {
  it.each([
    [
      'TypeScript',
      'src/a.ts',
      'export const total = (a: number, b: number) => a + b;\n',
      'export function f(a: number {\n  return a;\n}\n',
      { line: 1, column: 28, message: 'missing ")"' },
    ],
    [
      'TypeScript (missing token)',
      'src/a.mts',
      'function f() {\n  if (x) {\n    return 1;\n  }\n}\n',
      'function f() {\n  if (x) {\n    return 1;\n  \n}\n',
      { line: 5, column: 2, message: 'missing "}"' },
    ],
    [
      'TSX',
      'src/view.tsx',
      'export const View = () => <div className="x">{a}</div>;\n',
      'export const View = () => <div className="x">{a}</span>;\n',
      { line: 1, column: 49, message: 'closing tag </span> does not match the opening tag <div>' },
    ],
    [
      'JavaScript',
      'lib/calc.js',
      'exports.sum = (a, b) => a + b;\n',
      'exports.sum = (a, b) => a + ;\n',
      { line: 1, column: 27, message: 'unexpected "+"' },
    ],
    [
      'JavaScript module',
      'lib/calc.mjs',
      'export const sum = (a, b) => a + b;\n',
      'export const sum = (a, b) => { a + b;\n',
      {
        line: 1,
        column: 1,
        message: 'cannot parse the code from "export const sum = (a, b) => { a + b;" through line 2',
      },
    ],
    [
      'CommonJS',
      'lib/calc.cjs',
      'module.exports = { sum: 1 };\n',
      'module.exports = { sum: 1 ;\n',
      { line: 1, column: 26, message: 'missing "}"' },
    ],
    [
      'JSX',
      'src/app.jsx',
      'export const App = () => <main><h1>Hi</h1></main>;\n',
      'export const App = () => <main><h1>Hi</h1></mian>;\n',
      { line: 1, column: 43, message: 'closing tag </mian> does not match the opening tag <main>' },
    ],
    [
      'JSON',
      'config/app.json',
      '{"port": 3000, "hosts": ["a", "b"]}\n',
      '{"port": , "hosts": ["a", "b"]}\n',
      { line: 1, column: 9, message: 'missing number' },
    ],
    [
      'Python',
      'app/calc.py',
      'def mul(a, b):\n    return a * b\n',
      'def mul(a, b:\n    return a * b\n',
      { line: 1, column: 1, message: 'cannot parse the code from "def mul(a, b:" through line 2' },
    ],
    [
      'Go',
      'calc/calc.go',
      'package calc\n\nfunc Mul(a, b int) int {\n\treturn a * b\n}\n',
      'package calc\n\nfunc Mul(a, b int) int {\n\treturn a * (b\n}\n',
      { line: 4, column: 15, message: 'missing ")"' },
    ],
    [
      'Java',
      'src/main/java/Calc.java',
      'class Calc {\n  int mul(int a, int b) { return a * b; }\n}\n',
      'class Calc {\n  int mul(int a, int b) { return a * ; }\n}\n',
      { line: 2, column: 37, message: 'missing identifier' },
    ],
  ])('%s: a valid file has no errors, a broken one reports where', async (_language, path, valid, broken, where) => {
    expect(await syntaxErrors(path, valid)).toEqual([]);
    expect(await firstProblem(path, broken)).toEqual(where);
  });

  it('reports what the parser expected or could not read', async () => {
    expect(await firstProblem('a.ts', 'const x = ;\n')).toEqual({ line: 1, column: 9, message: 'unexpected "="' });
    expect(await firstProblem('a.py', 'def f(:\n    pass\n')).toEqual({ line: 1, column: 7, message: 'missing ")"' });
  });

  it('counts columns in characters of the line, not bytes', async () => {
    expect(await firstProblem('a.ts', "// ☃☃☃\nconst s = '😀'; const x = ;\n")).toMatchObject({ line: 2, column: 25 });
  });

  it('catches Python indentation errors that the grammar itself accepts', async () => {
    expect(await firstProblem('a.py', 'def f():\nreturn 1\n')).toEqual({
      line: 1,
      column: 9,
      message: 'expected an indented block after line 1',
    });
    expect(await firstProblem('a.py', 'def f():\n    x = 1\n        y = 2\n')).toEqual({
      line: 3,
      column: 9,
      message: 'unexpected indent',
    });
    expect(await firstProblem('a.py', 'class A:\n    def f(self):\n        return 1\n   x = 2\n')).toEqual({
      line: 4,
      column: 4,
      message: 'unindent does not match any outer indentation level',
    });
    expect(await firstProblem('a.py', '  x = 1\n')).toEqual({ line: 1, column: 3, message: 'unexpected indent' });
    // Comments, one-line blocks, continuation lines and statements after `;` keep their freedom.
    expect(
      await syntaxErrors(
        'a.py',
        'def f(a,\n        b):  # note\n    if a: return b\n  # stray comment\n    x = (1 +\n         2); y = 3\n    return x\n',
      ),
    ).toEqual([]);
  });

  it('holds JSON to one value without comments, but lets JSONC project files keep comments and trailing commas', async () => {
    expect(await firstProblem('data.json', '{"a": 1}\n{"b": 2}\n')).toEqual({
      line: 2,
      column: 1,
      message: 'unexpected second JSON value (a JSON file holds one value)',
    });
    expect(await firstProblem('data.json', '  \n')).toEqual({
      line: 1,
      column: 1,
      message: 'no JSON value (a JSON file holds one value)',
    });
    expect(await firstProblem('data.json', '{"a": 1,}\n')).toEqual({ line: 1, column: 8, message: 'unexpected ","' });
    expect(await firstProblem('package.json', '{\n  "name": "demo", // the package\n  "private": true\n}\n')).toEqual({
      line: 2,
      column: 19,
      message: 'comments are not allowed in JSON',
    });
    expect(await syntaxErrors('.eslintrc.json', '{\n  /* shared */ "root": true,\n}\n')).toEqual([]);
    expect(
      await syntaxErrors('tsconfig.json', '{\n  // strict mode\n  "compilerOptions": { "strict": true, },\n}\n'),
    ).toEqual([]);
    expect(await syntaxErrors('.vscode/settings.json', '{"a": [1, 2,],}\n')).toEqual([]);
    expect(await firstProblem('tsconfig.json', '{"compilerOptions": {"strict": }}\n')).toEqual({
      line: 1,
      column: 31,
      message: 'missing number',
    });
  });

  it('reads modern syntax of each language without complaint', async () => {
    const modern: Array<[string, string]> = [
      [
        'a.ts',
        "const c = { a: 1 } satisfies Record<string, number>;\nfunction f<const T>(x: T): T { return x; }\nclass A { static { init(); } #p = 1; }\nimport j from './a.json' with { type: 'json' };\n",
      ],
      [
        'a.js',
        'class A { #p; get x() { return this.#p; } }\nconst v = a?.b ?? c; v ??= 1;\nexport default async function* g() { for await (const x of y) yield x; }\n',
      ],
      [
        'a.py',
        'match x:\n    case [a, *rest]:\n        pass\n\ndef f[T](x: T) -> T:\n    return x\n\nif (n := 1) > 0:\n    print(f"{n=}")\n',
      ],
      [
        'a.go',
        'package a\n\nfunc Map[T, U any](s []T, f func(T) U) []U {\n\tfor i := range 10 {\n\t\t_ = i\n\t}\n\treturn nil\n}\n',
      ],
      [
        'A.java',
        'public record P(int x, int y) {}\nsealed interface S permits A {}\nfinal class A implements S { Object f(Object o) { return switch (o) { case Integer i when i > 0 -> i; default -> 0; }; } }\n',
      ],
    ];
    for (const [path, content] of modern)
      expect({ path, problems: await syntaxErrors(path, content) }).toEqual({ path, problems: [] });
  });

  it('leaves languages without a grammar unchecked', async () => {
    expect(await syntaxErrors('notes.md', '((( not code')).toBeNull();
    expect(await syntaxErrors('lib/tool.rb', 'def (')).toBeNull();
  });
});
