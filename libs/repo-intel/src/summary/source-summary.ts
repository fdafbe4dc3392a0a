import { isParsedLanguage, languageOf } from '../files/language';
import { DEFAULT_INDEX_OPTIONS } from '../index/index-options';
import { grammarFor } from '../parse/grammar-registry';
import { extractOutline } from '../parse/outline-extractor';
import { renderSummary, type FileSummary } from './file-summary';

/**
 * The outline of a file's current content, without an index: for a working copy that has
 * changed since the last commit (a coding agent's sandbox). Cross-file facts (importers, tests,
 * resolved imports) need an index and are left empty. Null for a language without a grammar.
 */
export async function summariseSource(path: string, content: string): Promise<FileSummary | null> {
  const language = languageOf(path);
  if (!isParsedLanguage(language)) return null;
  const parsed = extractOutline(await grammarFor(language), content, DEFAULT_INDEX_OPTIONS.chunkChars);
  const lines = content === '' ? 0 : content.split('\n').length - (content.endsWith('\n') ? 1 : 0);
  const summary: Omit<FileSummary, 'text'> = {
    path,
    language,
    lines,
    excluded: null,
    symbols: parsed.symbols,
    imports: parsed.imports.map((record) => ({ ...record, resolved: [] })),
    exportedNames: parsed.exportedNames,
    importedBy: [],
    tests: [],
    testedFiles: [],
    chunks: parsed.chunks,
  };
  return { ...summary, text: renderSummary(summary) };
}
