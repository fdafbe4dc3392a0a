import { fileOutline, syntaxError } from './syntax-check';

describe('syntax checks', () => {
  it('reports the line of a TypeScript or JavaScript syntax error', () => {
    expect(syntaxError('a.ts', 'export function f( {\n  return 1;\n}')).toMatch(/^syntax error at line \d+/);
    expect(syntaxError('a.js', 'const x = ;')).toContain('syntax error at line 1');
    expect(syntaxError('a.ts', 'export const x: number = 1;\n')).toBeNull();
    expect(syntaxError('p.json', '{"a": }')).toContain('invalid JSON');
    expect(syntaxError('notes.md', '((( not code')).toBeNull();
  });

  it('outlines a file with line numbers', () => {
    const outline = fileOutline('g.ts', "import x from 'y';\nexport class Greeter {\n  greet(name: string) { return name; }\n}\nexport function hello(a) {}\n");
    expect(outline).toContain("1: import 'y'");
    expect(outline).toContain('2: class Greeter');
    expect(outline).toContain('3:   greet');
    expect(outline).toContain('5: function hello(a)');
    expect(fileOutline('m.py', 'import os\n\ndef main():\n    pass\n')).toBe('1: import os\n3: def main():');
  });
});
