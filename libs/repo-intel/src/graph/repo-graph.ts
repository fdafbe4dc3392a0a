import type { IndexedFile, RepoIndex } from '../index/repo-index';
import { callSites, type OutlineSymbol } from '../parse/parsed-file';

export interface SymbolDefinition {
  path: string;
  symbol: OutlineSymbol;
}

/**
 * The navigable graph of an index: imports both ways, tests both ways, and symbol names to the
 * files that define them and the files that reference them (call sites and imported names).
 * References are by name, not by type: a call `x.save()` refers to every `save` — cheap and
 * language-independent, at the price of some false links that ranking has to tolerate.
 */
export class RepoGraph {
  readonly importsOf = new Map<string, string[]>();
  readonly importersOf = new Map<string, string[]>();
  readonly testsOf = new Map<string, string[]>();
  readonly sourcesOfTest = new Map<string, string[]>();
  readonly definitions = new Map<string, SymbolDefinition[]>();
  readonly referencesTo = new Map<string, string[]>();
  private readonly filesByPath = new Map<string, IndexedFile>();

  constructor(index: RepoIndex) {
    for (const file of index.files) this.filesByPath.set(file.path, file);
    for (const [path, targets] of Object.entries(index.importTargets)) {
      const unique = [...new Set(targets.flat())].sort();
      this.importsOf.set(path, unique);
      for (const target of unique) push(this.importersOf, target, path);
    }
    for (const [test, sources] of Object.entries(index.testsOf)) {
      this.sourcesOfTest.set(test, sources);
      for (const source of sources) push(this.testsOf, source, test);
    }
    for (const file of index.files) {
      const parsed = file.excluded ? undefined : file.content?.parsed;
      if (!parsed) continue;
      for (const symbol of parsed.symbols) push(this.definitions, symbol.name, { path: file.path, symbol });
      const referenced = new Set([...callSites(parsed).map((c) => c.name), ...parsed.imports.flatMap((i) => i.names)]);
      for (const name of referenced) push(this.referencesTo, name, file.path);
    }
  }

  file(path: string): IndexedFile | undefined {
    return this.filesByPath.get(path);
  }

  /** Files the given file imports and files that import it. */
  neighbours(path: string): string[] {
    return [...new Set([...(this.importsOf.get(path) ?? []), ...(this.importersOf.get(path) ?? [])])];
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
