import type { ExclusionReason } from '../files/path-exclusion';
import type { Language } from '../files/language';
import type { RepoGraph } from '../graph/repo-graph';
import type { ImportRecord, OutlineSymbol } from '../parse/parsed-file';

export interface FileSummary {
  path: string;
  language: Language | null;
  lines: number;
  /** Why the file is not indexed (its outline is then empty), or null. */
  excluded: ExclusionReason | null;
  symbols: OutlineSymbol[];
  imports: Array<ImportRecord & { resolved: string[] }>;
  exportedNames: string[];
  importedBy: string[];
  /** Tests of this file, or, for a test, the files it tests. */
  tests: string[];
  testedFiles: string[];
  /** Parts the file was parsed in; more than 1 for files over the chunk size. */
  chunks: number;
  /** The outline as text, one line per entry, as a coding agent reads it. */
  text: string;
}

/** The outline and neighbourhood of one file at the indexed commit; null when the path is not in the tree. */
export function summariseFile(
  graph: RepoGraph,
  importTargets: Readonly<Record<string, string[][]>>,
  path: string,
): FileSummary | null {
  const file = graph.file(path);
  if (!file) return null;
  const parsed = file.excluded ? undefined : file.content?.parsed;
  const targets = importTargets[path] ?? [];
  const summary: Omit<FileSummary, 'text'> = {
    path,
    language: file.language,
    lines: file.content?.lines ?? 0,
    excluded: file.excluded,
    symbols: parsed?.symbols ?? [],
    imports: (parsed?.imports ?? []).map((record, i) => ({ ...record, resolved: targets[i] ?? [] })),
    exportedNames: parsed?.exportedNames ?? [],
    importedBy: graph.importersOf.get(path) ?? [],
    tests: graph.testsOf.get(path) ?? [],
    testedFiles: graph.sourcesOfTest.get(path) ?? [],
    chunks: parsed?.chunks ?? 0,
  };
  return { ...summary, text: renderSummary(summary) };
}

/** Renders a summary as the text a coding agent reads: imports, then the outline with line ranges. */
export function renderSummary(summary: Omit<FileSummary, 'text'>): string {
  const lines = [
    `${summary.path} (${summary.language ?? 'unknown language'}, ${summary.lines} lines${summary.chunks > 1 ? `, parsed in ${summary.chunks} chunks` : ''})`,
  ];
  if (summary.excluded) {
    lines.push(`not indexed: ${summary.excluded}`);
    return lines.join('\n');
  }
  for (const record of summary.imports) {
    const names = record.names.length > 0 ? ` { ${record.names.join(', ')} }` : '';
    const resolved =
      record.resolved.length > 0
        ? ` → ${record.resolved.slice(0, 3).join(', ')}${record.resolved.length > 3 ? ', …' : ''}`
        : '';
    lines.push(`${record.line}: import ${record.specifier}${names}${resolved}`);
  }
  for (const symbol of summary.symbols) {
    const indent = symbol.container ? '  ' : '';
    const owner =
      symbol.container &&
      symbol.kind === 'method' &&
      !summary.symbols.some(
        (s) => s.name === symbol.container && s.startLine <= symbol.startLine && s.endLine >= symbol.endLine,
      )
        ? `${symbol.container}.`
        : '';
    lines.push(
      `${symbol.startLine}-${symbol.endLine}: ${indent}${symbol.exported ? 'export ' : ''}${symbol.kind} ${owner}${symbol.name}`,
    );
  }
  if (summary.symbols.length === 0 && summary.imports.length === 0) lines.push('(no definitions found)');
  if (summary.importedBy.length > 0)
    lines.push(
      `imported by: ${summary.importedBy.slice(0, 10).join(', ')}${summary.importedBy.length > 10 ? `, … (${summary.importedBy.length})` : ''}`,
    );
  if (summary.tests.length > 0) lines.push(`tests: ${summary.tests.join(', ')}`);
  if (summary.testedFiles.length > 0) lines.push(`tests the files: ${summary.testedFiles.join(', ')}`);
  return lines.join('\n');
}
