import { isRecord, parseJsonc } from './jsonc';
import { basenameOf, dirnameOf, joinPath } from './repo-paths';

/** `compilerOptions.paths` of one tsconfig, after following its relative `extends` chain. */
export interface PathAliases {
  /** Directory of the tsconfig file: the aliases apply to files under it. */
  scope: string;
  /** Directory the alias targets are relative to (baseUrl, else the defining tsconfig's directory). */
  base: string;
  paths: Record<string, string[]>;
}

export interface GoModule {
  directory: string;
  modulePath: string;
}

/** A package.json inside the repository, so `import 'name'` reaches a workspace package. */
export interface WorkspacePackage {
  name: string;
  directory: string;
  /** Entry files named by the manifest (source, types, module, main), in that order of preference. */
  entries: string[];
}

export interface RepositoryConfig {
  aliases: PathAliases[];
  goModules: GoModule[];
  packages: WorkspacePackage[];
}

/** Files whose content the import resolver needs, read at the commit being indexed. */
export function isResolverConfigFile(path: string): boolean {
  const name = basenameOf(path);
  return /^[tj]sconfig([.-][\w.-]*)?\.json$/.test(name) || name === 'go.mod' || name === 'package.json';
}

export function readRepositoryConfig(files: ReadonlyMap<string, string>): RepositoryConfig {
  const aliases: PathAliases[] = [];
  const goModules: GoModule[] = [];
  const packages: WorkspacePackage[] = [];
  for (const [path, content] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const name = basenameOf(path);
    if (name === 'go.mod') {
      const modulePath = /^\s*module\s+(\S+)/m.exec(content)?.[1];
      if (modulePath) goModules.push({ directory: dirnameOf(path), modulePath: modulePath.replace(/^"|"$/g, '') });
    } else if (name === 'package.json') {
      const manifest = parseJsonc(content);
      if (isRecord(manifest) && typeof manifest['name'] === 'string') {
        const entries = ['source', 'types', 'typings', 'module', 'main'].flatMap((key) =>
          typeof manifest[key] === 'string' ? [manifest[key]] : [],
        );
        packages.push({ name: manifest['name'], directory: dirnameOf(path), entries });
      }
    } else {
      const resolved = resolveTsconfig(path, files, new Set());
      if (resolved?.paths) aliases.push({ scope: dirnameOf(path), base: resolved.base, paths: resolved.paths });
    }
  }
  // The most specific tsconfig (deepest directory) is tried first.
  aliases.sort((a, b) => b.scope.length - a.scope.length || (a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : 0));
  goModules.sort((a, b) => b.modulePath.length - a.modulePath.length);
  return { aliases, goModules, packages };
}

interface ResolvedTsconfig {
  paths: Record<string, string[]> | null;
  base: string;
}

function resolveTsconfig(path: string, files: ReadonlyMap<string, string>, seen: Set<string>): ResolvedTsconfig | null {
  if (seen.has(path)) return null;
  seen.add(path);
  const content = files.get(path);
  const json = content === undefined ? null : parseJsonc(content);
  if (!isRecord(json)) return null;
  const directory = dirnameOf(path);
  // Only relative `extends` can be followed: a package's tsconfig lives outside the repository.
  const extendsList = Array.isArray(json['extends']) ? json['extends'] : [json['extends']];
  const parents = extendsList.flatMap((parent): ResolvedTsconfig[] => {
    if (typeof parent !== 'string' || !parent.startsWith('.')) return [];
    const target = joinPath(directory, parent.endsWith('.json') ? parent : `${parent}.json`);
    const resolved = target === null ? null : resolveTsconfig(target, files, seen);
    return resolved ? [resolved] : [];
  });
  // With several bases (TypeScript 5), a later one's paths replace an earlier one's.
  const inherited = [...parents].reverse().find((parent) => parent.paths) ?? parents[parents.length - 1] ?? null;
  const options = isRecord(json['compilerOptions']) ? json['compilerOptions'] : {};
  const baseUrl = typeof options['baseUrl'] === 'string' ? joinPath(directory, options['baseUrl']) : null;
  const ownPaths = isRecord(options['paths']) ? stringArrays(options['paths']) : null;
  if (ownPaths) return { paths: ownPaths, base: baseUrl ?? directory };
  if (inherited) return { paths: inherited.paths, base: baseUrl ?? inherited.base };
  return { paths: null, base: baseUrl ?? directory };
}

function stringArrays(record: Record<string, unknown>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(record)) {
    if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === 'string');
  }
  return out;
}
