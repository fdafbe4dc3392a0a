import type { PackageManager } from './commands/package-scripts';
import { baseNames, programIndex, simpleCommandWords, splitCommandList } from './commands/shell-words';

/** What detection looks at: the repository's paths and the contents of its root manifests. */
export interface RepositoryFiles {
  /** Repository-relative paths from a recursive listing (dependency folders left out). */
  paths: readonly string[];
  /** Contents of the root files {@link manifestsToRead} asked for that exist. */
  contents: ReadonlyMap<string, string>;
}

export interface PackageJson {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  packageManager?: string;
  /** The `eslintConfig` key: an ESLint configuration kept in package.json. */
  hasEslintConfig: boolean;
}

/** The facts about a repository that choosing and writing its commands depends on. */
export interface RepositoryProject {
  files: RepositoryFiles;
  pkg: PackageJson | null;
  manager: PackageManager;
  /** Yarn Plug'n'Play: there is no node_modules/.bin, so script steps cannot run on their own. */
  plugAndPlay: boolean;
  goModulePath?: string;
}

const ROOT_MANIFESTS = [
  'package.json',
  'pyproject.toml',
  'setup.cfg',
  'setup.py',
  'tox.ini',
  'pytest.ini',
  '.flake8',
  'ruff.toml',
  '.ruff.toml',
  'go.mod',
  'pom.xml',
];

/** The root files whose contents detection needs, among those the listing found. */
export function manifestsToRead(paths: readonly string[]): string[] {
  return paths.filter((path) => ROOT_MANIFESTS.includes(path) || /^requirements[\w.-]*\.txt$/.test(path));
}

export function readProject(files: RepositoryFiles): RepositoryProject {
  const pkg = readPackageJson(files);
  return {
    files,
    pkg,
    manager: pkg ? packageManager(pkg, files.paths) : 'npm',
    plugAndPlay: files.paths.includes('.pnp.cjs') || files.paths.includes('.pnp.js'),
    goModulePath: goModulePath(files.contents.get('go.mod')),
  };
}

/** Programs that are on the sandbox's PATH already; everything else in a Node project may come from node_modules/.bin. */
const SYSTEM_PROGRAMS = new Set([
  'node',
  'npm',
  'npx',
  'pnpm',
  'yarn',
  'corepack',
  'python',
  'python3',
  'pip',
  'go',
  'mvn',
  'gradle',
  'make',
  'bash',
  'sh',
  'env',
  'git',
  'echo',
  'true',
  'false',
  'test',
  'exit',
  'cd',
  'rm',
  'mkdir',
  'cp',
  'mv',
  'cat',
]);

/**
 * A step of a package.json script, runnable on its own: npm puts node_modules/.bin on the PATH of
 * the scripts it runs, so a step that leaves npm behind needs it too. Harmless for a program that
 * is not there (the PATH is only extended).
 */
export function withLocalBin(command: string, project: RepositoryProject): string {
  if (!project.pkg) return command;
  const words = simpleCommandWords(command);
  if (!words) return `export PATH="$PWD/node_modules/.bin:$PATH"; ${command}`;
  const program = words[programIndex(words)]?.value ?? '';
  if (program.includes('/') || SYSTEM_PROGRAMS.has(program)) return command;
  return `PATH="$PWD/node_modules/.bin:$PATH" ${command}`;
}

/** A Python tool run from the project's venv when the dependency install made one (the sandbox's python otherwise). */
export function withVenv(command: string): string {
  return `PATH="$PWD/.venv/bin:$PATH" ${command}`;
}

/**
 * Which tool a command runs, for telling whether two commands do the same job: the program's base
 * name (`eslint`), the module of `python -m` (`flake8`), `go vet`. The first command of a list.
 */
export function toolOf(command: string): string | undefined {
  const first = splitCommandList(command)?.[0];
  const words = first ? simpleCommandWords(first) : null;
  if (!words) return undefined;
  const names = baseNames(words.slice(programIndex(words)));
  let index = 0;
  while (['npx', 'cross-env', 'dotenv'].includes(names[index] ?? '') || names[index]?.startsWith('-')) index += 1;
  const program = names[index];
  // `npm run x` says nothing about which tool x runs.
  if (!program || ['npm', 'pnpm', 'yarn'].includes(program)) return undefined;
  if (/^python(\d(\.\d+)?)?$/.test(program) && names[index + 1] === '-m') return names[index + 2];
  if (program === 'go' && names[index + 1]) return `go ${names[index + 1]}`;
  return program;
}

function readPackageJson(files: RepositoryFiles): PackageJson | null {
  const text = files.contents.get('package.json');
  if (text === undefined) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  return {
    scripts: stringRecord(record.scripts),
    dependencies: { ...stringRecord(record.dependencies), ...stringRecord(record.devDependencies) },
    packageManager: typeof record.packageManager === 'string' ? record.packageManager : undefined,
    hasEslintConfig: typeof record.eslintConfig === 'object' && record.eslintConfig !== null,
  };
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/** The `packageManager` field (Corepack) first, then the lockfile; npm when there is neither. */
function packageManager(pkg: PackageJson, paths: readonly string[]): PackageManager {
  const declared = pkg.packageManager?.split('@')[0];
  if (declared === 'npm' || declared === 'yarn' || declared === 'pnpm') return declared;
  if (paths.includes('pnpm-lock.yaml')) return 'pnpm';
  if (paths.includes('yarn.lock')) return 'yarn';
  return 'npm';
}

function goModulePath(goMod: string | undefined): string | undefined {
  return goMod
    ?.split('\n')
    .map((line) => line.trim())
    .find((line) => line.startsWith('module '))
    ?.slice('module '.length)
    .trim()
    .replace(/^"|"$/g, '');
}
