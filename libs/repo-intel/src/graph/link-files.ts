import type { ImportRecord } from '../parse/parsed-file';
import type { Language } from '../files/language';
import type { IndexedFile, RepoIndex } from '../index/repo-index';
import { ModuleResolver } from './module-resolver';
import { isResolverConfigFile, type RepositoryConfig } from './repository-config';
import { pairTests } from './test-pairing';

/**
 * The cross-file part of an index: every parsed import resolved against the commit's tree, and
 * tests paired with their sources. Resolution depends only on the importing file, the set of
 * paths and the resolver configuration (tsconfig, package.json, go.mod); so when `previous` has
 * the same paths and configuration, a file whose blob did not change keeps its resolved imports
 * and only changed files are resolved again — which gives the same result as resolving all.
 */
export function linkFiles(
  files: readonly IndexedFile[],
  config: RepositoryConfig,
  previous: RepoIndex | null = null,
): { importTargets: Record<string, string[][]>; testsOf: Record<string, string[]> } {
  const regularFiles = new Set(files.filter(isRegularFile).map((f) => f.path));
  const reusable = previous && sameResolutionInputs(files, previous.files) ? previous : null;
  const previousBlobs = new Map(reusable?.files.map((f) => [f.path, f.objectId]) ?? []);
  let resolver: ModuleResolver | null = null;
  const importTargets: Record<string, string[][]> = {};
  const dependencies = new Map<string, string[]>();
  for (const file of files) {
    const parsed = file.content?.parsed;
    if (file.excluded || !parsed || !file.language) continue;
    let targets = previousBlobs.get(file.path) === file.objectId ? reusable?.importTargets[file.path] : undefined;
    if (!targets) {
      // Built on first need: a small incremental build may not need a resolver at all.
      resolver ??= new ModuleResolver(regularFiles, config);
      targets = resolveImports(resolver, file.path, file.language, parsed.imports);
    }
    importTargets[file.path] = targets;
    dependencies.set(file.path, targets.flat());
  }
  const indexed = files.filter((f) => !f.excluded && f.content?.parsed).map((f) => f.path);
  return { importTargets, testsOf: pairTests(indexed, (path) => dependencies.get(path) ?? []) };
}

function resolveImports(
  resolver: ModuleResolver,
  path: string,
  language: Language,
  imports: readonly ImportRecord[],
): string[][] {
  return imports.map((record) => {
    let resolved: string[] = [];
    // `from pkg import mod` names a submodule as often as a symbol: try the submodule first.
    if (language === 'python') {
      const prefix = record.specifier.endsWith('.') ? record.specifier : `${record.specifier}.`;
      resolved = record.names.flatMap((name) => resolver.resolve(path, language, prefix + name));
    }
    if (resolved.length === 0) resolved = resolver.resolve(path, language, record.specifier);
    return [...new Set(resolved.filter((target) => target !== path))];
  });
}

function isRegularFile(file: IndexedFile): boolean {
  return file.kind === 'file' || file.kind === 'executable';
}

/** Same regular-file paths and the same resolver configuration blobs in both trees. */
function sameResolutionInputs(files: readonly IndexedFile[], previous: readonly IndexedFile[]): boolean {
  const signature = (list: readonly IndexedFile[]) =>
    list
      .filter(isRegularFile)
      .map((f) => (isResolverConfigFile(f.path) ? `${f.path}\0${f.objectId}` : f.path))
      .join('\n');
  return signature(files) === signature(previous);
}
