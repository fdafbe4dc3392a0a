import type { Language } from '../files/language';
import type { RepositoryConfig } from './repository-config';
import { dirnameOf, isWithin, joinPath } from './repo-paths';

const SCRIPT_EXTENSIONS = ['.ts', '.tsx', '.d.ts', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts', '.json'];
// Under `moduleResolution: nodenext` TypeScript sources import each other with the output's
// extension (`./a.js` for `a.ts`), so an emitted extension also tries its sources.
const SOURCE_FOR_OUTPUT: Record<string, string[]> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

/**
 * Resolves import specifiers to files of the same commit: relative imports, TypeScript path
 * aliases, workspace packages, Python modules (absolute and relative), Go packages of the
 * repository's modules and Java classes. Anything else (the standard library, third-party
 * packages) resolves to nothing: the graph only links files of the repository.
 */
export class ModuleResolver {
  private readonly pythonModules = new Map<string, string[]>();
  private readonly javaClasses = new Map<string, string[]>();
  private readonly goPackages = new Map<string, string[]>();
  private readonly directoriesOf = new Map<string, string[]>();

  constructor(
    private readonly files: ReadonlySet<string>,
    private readonly config: RepositoryConfig,
  ) {
    const pythonPackages = new Set<string>();
    for (const path of files) if (path.endsWith('/__init__.py')) pythonPackages.add(dirnameOf(path));
    for (const path of [...files].sort()) {
      if (path.endsWith('.py') || path.endsWith('.pyi')) this.registerPython(path, pythonPackages);
      else if (path.endsWith('.java')) pushTo(this.javaClasses, path.slice(0, -'.java'.length), path);
      else if (path.endsWith('.go') && !path.endsWith('_test.go')) pushTo(this.goPackages, dirnameOf(path), path);
    }
  }

  resolve(from: string, language: Language, specifier: string): string[] {
    switch (language) {
      case 'typescript':
      case 'tsx':
      case 'javascript':
        return this.resolveScript(from, specifier);
      case 'python':
        return this.resolvePython(from, specifier);
      case 'go':
        return this.resolveGo(specifier);
      case 'java':
        return this.resolveJava(specifier);
      default:
        return [];
    }
  }

  private resolveScript(from: string, specifier: string): string[] {
    if (specifier.startsWith('.') || specifier.startsWith('/')) {
      const target = specifier.startsWith('/') ? joinPath('', specifier) : joinPath(dirnameOf(from), specifier);
      return optional(target === null ? null : this.probeScript(target));
    }
    for (const aliases of this.config.aliases) {
      if (!isWithin(from, aliases.scope) && aliases.scope !== dirnameOf(from)) continue;
      for (const [pattern, targets] of Object.entries(aliases.paths)) {
        const wildcard = matchAlias(pattern, specifier);
        if (wildcard === null) continue;
        for (const target of targets) {
          const path = joinPath(aliases.base, target.replace('*', wildcard));
          const found = path === null ? null : this.probeScript(path);
          if (found) return [found];
        }
      }
    }
    return optional(this.resolveWorkspacePackage(specifier));
  }

  private resolveWorkspacePackage(specifier: string): string | null {
    for (const pkg of this.config.packages) {
      if (specifier !== pkg.name && !specifier.startsWith(`${pkg.name}/`)) continue;
      const subpath = specifier.slice(pkg.name.length + 1);
      if (subpath) return this.probeScript(joinPath(pkg.directory, subpath) ?? '');
      for (const entry of [...pkg.entries, 'src/index', 'index']) {
        const path = joinPath(pkg.directory, entry);
        const found = path === null ? null : this.probeScript(path);
        if (found) return found;
      }
    }
    return null;
  }

  /** The file a module path names: as written, a source for an emitted extension, with an extension added, or an index file. */
  private probeScript(path: string): string | null {
    if (this.files.has(path) && /\.[cm]?[jt]sx?$|\.json$/.test(path)) return path;
    const extension = /\.[cm]?jsx?$/.exec(path)?.[0];
    if (extension) {
      const stemPath = path.slice(0, -extension.length);
      for (const source of SOURCE_FOR_OUTPUT[extension] ?? [])
        if (this.files.has(stemPath + source)) return stemPath + source;
    }
    for (const ext of SCRIPT_EXTENSIONS) if (this.files.has(path + ext)) return path + ext;
    for (const ext of SCRIPT_EXTENSIONS) if (this.files.has(`${path}/index${ext}`)) return `${path}/index${ext}`;
    return null;
  }

  /**
   * Registers the dotted names a Python file is importable as. The source root is unknown (the
   * repository root, `src/`, a project folder), so every directory that is not itself inside a
   * package (no `__init__.py` in its parent) counts as a possible root.
   */
  private registerPython(path: string, packages: ReadonlySet<string>): void {
    const parts = path.replace(/\.pyi?$/, '').split('/');
    if (parts[parts.length - 1] === '__init__') parts.pop();
    for (let i = 0; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      if (i > 0 && packages.has(parent)) continue;
      pushTo(this.pythonModules, parts.slice(i).join('.'), path);
    }
  }

  private resolvePython(from: string, specifier: string): string[] {
    const dots = /^\.*/.exec(specifier)![0].length;
    if (dots > 0) {
      let directory: string | null = dirnameOf(from);
      for (let i = 1; i < dots && directory !== null; i++) directory = directory === '' ? null : dirnameOf(directory);
      if (directory === null) return [];
      const rest = specifier.slice(dots).split('.').filter(Boolean).join('/');
      const base = rest ? joinPath(directory, rest) : directory;
      if (base === null) return [];
      for (const candidate of [`${base}.py`, `${base}.pyi`, `${base}/__init__.py`])
        if (this.files.has(candidate)) return [candidate];
      return [];
    }
    const candidates = this.pythonModules.get(specifier);
    if (!candidates || candidates.length === 0) return [];
    // Several files can end in the same dotted name; the one nearest the importer wins.
    return [nearest(from, candidates)];
  }

  private resolveGo(specifier: string): string[] {
    for (const module of this.config.goModules) {
      if (specifier !== module.modulePath && !specifier.startsWith(`${module.modulePath}/`)) continue;
      const directory = joinPath(module.directory, specifier.slice(module.modulePath.length + 1));
      return directory === null ? [] : [...(this.goPackages.get(directory) ?? [])];
    }
    return [];
  }

  private resolveJava(specifier: string): string[] {
    if (specifier.endsWith('.*')) {
      const packagePath = specifier.slice(0, -2).replace(/\./g, '/');
      return this.javaDirectories()
        .filter(([directory]) => directory === packagePath || directory.endsWith(`/${packagePath}`))
        .flatMap(([, paths]) => paths);
    }
    const classPath = specifier.replace(/\./g, '/');
    const matches: string[] = [];
    for (const [stemPath, paths] of this.javaClasses)
      if (stemPath === classPath || stemPath.endsWith(`/${classPath}`)) matches.push(...paths);
    return matches.length > 1 ? [matches.sort()[0]] : matches;
  }

  private javaDirectories(): Array<[string, string[]]> {
    if (this.directoriesOf.size === 0)
      for (const paths of this.javaClasses.values())
        for (const path of paths) pushTo(this.directoriesOf, dirnameOf(path), path);
    return [...this.directoriesOf];
  }
}

/** The part of `specifier` that `*` stands for in a tsconfig paths pattern, or null if it does not match. */
function matchAlias(pattern: string, specifier: string): string | null {
  const star = pattern.indexOf('*');
  if (star < 0) return pattern === specifier ? '' : null;
  const prefix = pattern.slice(0, star);
  const suffix = pattern.slice(star + 1);
  if (!specifier.startsWith(prefix) || !specifier.endsWith(suffix) || specifier.length < prefix.length + suffix.length)
    return null;
  return specifier.slice(prefix.length, specifier.length - suffix.length);
}

function nearest(from: string, candidates: string[]): string {
  const shared = (path: string) => {
    const a = from.split('/');
    const b = path.split('/');
    let i = 0;
    while (i < a.length - 1 && i < b.length - 1 && a[i] === b[i]) i++;
    return i;
  };
  return [...candidates].sort((x, y) => shared(y) - shared(x) || x.length - y.length || (x < y ? -1 : 1))[0];
}

function optional(path: string | null): string[] {
  return path ? [path] : [];
}

function pushTo(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
