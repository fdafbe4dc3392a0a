import type { IndexedFile } from '../index/repo-index';
import { ModuleResolver } from './module-resolver';
import type { RepositoryConfig } from './repository-config';
import { pairTests } from './test-pairing';

/**
 * The cross-file part of an index: every parsed import resolved against the commit's tree, and
 * tests paired with their sources. Recomputed in full on every build (it is cheap next to
 * parsing), so an incremental build cannot keep a stale edge to a file that moved.
 */
export function linkFiles(files: readonly IndexedFile[], config: RepositoryConfig): { importTargets: Record<string, string[][]>; testsOf: Record<string, string[]> } {
  const regularFiles = new Set(files.filter((f) => f.kind === 'file' || f.kind === 'executable').map((f) => f.path));
  const resolver = new ModuleResolver(regularFiles, config);
  const importTargets: Record<string, string[][]> = {};
  const dependencies = new Map<string, string[]>();
  for (const file of files) {
    const parsed = file.content?.parsed;
    if (file.excluded || !parsed || !file.language) continue;
    const language = file.language;
    const targets = parsed.imports.map((record) => {
      let resolved: string[] = [];
      // `from pkg import mod` names a submodule as often as a symbol: try the submodule first.
      if (language === 'python') {
        const prefix = record.specifier.endsWith('.') ? record.specifier : `${record.specifier}.`;
        resolved = record.names.flatMap((name) => resolver.resolve(file.path, language, prefix + name));
      }
      if (resolved.length === 0) resolved = resolver.resolve(file.path, language, record.specifier);
      return [...new Set(resolved.filter((target) => target !== file.path))];
    });
    importTargets[file.path] = targets;
    dependencies.set(file.path, targets.flat());
  }
  const indexed = files.filter((f) => !f.excluded && f.content?.parsed).map((f) => f.path);
  return { importTargets, testsOf: pairTests(indexed, (path) => dependencies.get(path) ?? []) };
}
