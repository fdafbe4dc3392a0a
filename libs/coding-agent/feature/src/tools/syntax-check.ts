import ts from 'typescript';

/**
 * Parses a file the agent is about to write when we have a parser for its language, and returns
 * the first syntax error (with its line) or null. Languages without a parser pass unchecked.
 */
export function syntaxError(path: string, content: string): string | null {
  const extension = path.slice(path.lastIndexOf('.')).toLowerCase();
  if (extension === '.json') {
    try {
      JSON.parse(content);
      return null;
    } catch (error) {
      return `invalid JSON: ${(error as Error).message}`;
    }
  }
  const kinds: Record<string, ts.ScriptKind> = {
    '.ts': ts.ScriptKind.TS, '.mts': ts.ScriptKind.TS, '.cts': ts.ScriptKind.TS, '.tsx': ts.ScriptKind.TSX,
    '.js': ts.ScriptKind.JS, '.mjs': ts.ScriptKind.JS, '.cjs': ts.ScriptKind.JS, '.jsx': ts.ScriptKind.JSX,
  };
  const kind = kinds[extension];
  if (kind === undefined) return null;
  const source = ts.createSourceFile(path, content, ts.ScriptTarget.Latest, true, kind);
  const diagnostics = (source as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? [];
  const first = diagnostics[0];
  if (!first) return null;
  const { line, character } = source.getLineAndCharacterOfPosition(first.start ?? 0);
  return `syntax error at line ${line + 1}, column ${character + 1}: ${ts.flattenDiagnosticMessageText(first.messageText, ' ')}`;
}

/** An outline of a source file: imports, classes, functions and exported names, with line numbers. */
export function fileOutline(path: string, content: string): string {
  const extension = path.slice(path.lastIndexOf('.')).toLowerCase();
  if (['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'].includes(extension)) {
    const source = ts.createSourceFile(path, content, ts.ScriptTarget.Latest, true);
    const lines: string[] = [];
    const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    const visit = (node: ts.Node, depth: number) => {
      const indent = '  '.repeat(depth);
      if (ts.isImportDeclaration(node)) lines.push(`${lineOf(node)}: import ${node.moduleSpecifier.getText(source)}`);
      else if (ts.isFunctionDeclaration(node) && node.name) lines.push(`${lineOf(node)}: ${indent}function ${node.name.text}(${node.parameters.map((p) => p.name.getText(source)).join(', ')})`);
      else if (ts.isClassDeclaration(node) && node.name) {
        lines.push(`${lineOf(node)}: ${indent}class ${node.name.text}`);
        node.members.forEach((member) => visit(member, depth + 1));
        return;
      } else if ((ts.isMethodDeclaration(node) || ts.isPropertyDeclaration(node)) && node.name) lines.push(`${lineOf(node)}: ${indent}${node.name.getText(source)}`);
      else if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) lines.push(`${lineOf(node)}: ${indent}type ${node.name.text}`);
      else if (ts.isVariableStatement(node)) node.declarationList.declarations.forEach((d) => lines.push(`${lineOf(d)}: ${indent}const ${d.name.getText(source)}`));
      else if (ts.isExpressionStatement(node) && node.getText(source).startsWith('module.exports') || (ts.isExpressionStatement(node) && node.getText(source).startsWith('exports.'))) lines.push(`${lineOf(node)}: ${indent}${node.getText(source).split('=')[0]!.trim()}`);
    };
    source.statements.forEach((statement) => visit(statement, 0));
    return lines.join('\n') || '(no top-level declarations)';
  }
  // Other languages: the lines that usually carry structure.
  return content
    .split('\n')
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => /^\s*(def |class |import |from \S+ import |func |type |package |public |private |protected |fn |struct |impl )/.test(line))
    .map(({ line, index }) => `${index + 1}: ${line.trimEnd()}`)
    .join('\n') || '(no recognisable declarations)';
}
