/**
 * One file per language the syntax gate checks (TS, TSX, JS, JSON, Python, Go, Java), each with a
 * change that parses and one that breaks parsing, for the coding tools' specs.
 */
export interface SyntaxCase {
  path: string;
  /** The file as the repository has it: it parses. */
  original: string;
  /** A change that still parses. */
  changed: string;
  /** A change that breaks parsing, and where the gate says it breaks. */
  broken: string;
  where: string;
}

export const SYNTAX_CASES: Array<[string, SyntaxCase]> = [
  [
    'TypeScript',
    {
      path: 'src/calc.ts',
      original: 'export function add(a: number, b: number): number {\n  return a + b;\n}\n',
      changed: 'export function add(a: number, b: number, c = 0): number {\n  return a + b + c;\n}\n',
      broken: 'export function add(a: number, b: number: number {\n  return a + b;\n}\n',
      where: '1:41: missing ")"',
    },
  ],
  [
    'TSX',
    {
      path: 'src/title.tsx',
      original:
        'export const Title = ({ text }: { text: string }) => (\n  <h1 className="title">\n    {text}\n  </h1>\n);\n',
      changed:
        'export const Title = ({ text }: { text: string }) => (\n  <h2 className="title">\n    {text}\n  </h2>\n);\n',
      broken:
        'export const Title = ({ text }: { text: string }) => (\n  <h1 className="title">\n    {text}\n  </h2>\n);\n',
      where: '4:3: closing tag </h2> does not match the opening tag <h1>',
    },
  ],
  [
    'JavaScript',
    {
      path: 'lib/calc.js',
      original: "'use strict';\n\nexports.add = (a, b) => a + b;\n",
      changed: "'use strict';\n\nexports.add = (a, b) => a + b;\nexports.sub = (a, b) => a - b;\n",
      broken: "'use strict';\n\nexports.add = (a, b) => a + ;\n",
      where: '3:27: unexpected "+"',
    },
  ],
  [
    'JSON',
    {
      path: 'config/app.json',
      original: '{\n  "name": "demo"\n}\n',
      changed: '{\n  "name": "demo",\n  "port": 3000\n}\n',
      broken: '{\n  "name": "demo"\n  "port": 3000\n}\n',
      where: '2:3: unexpected "\\"name\\": \\"demo\\""',
    },
  ],
  [
    'Python',
    {
      path: 'app/calc.py',
      original: 'def add(a, b):\n    return a + b\n',
      changed: 'def add(a, b, c=0):\n    return a + b + c\n',
      broken: 'def add(a, b):\nreturn a + b\n',
      where: '1:15: expected an indented block after line 1',
    },
  ],
  [
    'Go',
    {
      path: 'calc/calc.go',
      original: 'package calc\n\nfunc Add(a, b int) int {\n\treturn a + b\n}\n',
      changed: 'package calc\n\nfunc Add(a, b int) int {\n\treturn b + a\n}\n',
      broken: 'package calc\n\nfunc Add(a, b int) int {\n\treturn a + b\n\n',
      where: '6:1: missing "}"',
    },
  ],
  [
    'Java',
    {
      path: 'src/main/java/Calc.java',
      original: 'public class Calc {\n  public static int add(int a, int b) {\n    return a + b;\n  }\n}\n',
      changed:
        'public class Calc {\n  public static int add(int a, int b) {\n    return Math.addExact(a, b);\n  }\n}\n',
      broken: 'public class Calc {\n  public static int add(int a, int b) {\n    return a + b\n  }\n}\n',
      where: '3:17: missing ";"',
    },
  ],
];
