/**
 * Rebuilds a case's starting repository — the upstream repository at the fix's parent plus the
 * fix's test change — from a locally fetched copy of the upstream history, and reads the upstream
 * fix as a diff. The tree keeps only commit ids and paths (case.json): the upstream code is not
 * copied into this repository, it is read from the mirror when a case is built.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CaseDefinition } from './case-definition';

/** Where fetched histories live: `<dir>/<owner>+<name>/repo` (a bare git directory). */
export const MIRROR_DIRECTORY = process.env['PATCHBAY_REALREPO_MIRRORS'] ?? '/work/.mirror';

/** Lockfiles pin the devDependencies the manifest adjustment removes, and name other package managers. */
const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lockb'];

export class MissingMirrorError extends Error {
  constructor(
    readonly definition: CaseDefinition,
    path: string,
  ) {
    super(
      `case ${definition.id}: no fetched history of ${definition.repository.url} at ${path} (fetch github:${definition.repository.mirror.replace('+', '/')}, or set PATCHBAY_REALREPO_MIRRORS)`,
    );
    this.name = 'MissingMirrorError';
  }
}

export interface CaseRepository {
  /** A git repository with one commit: the starting point of every scenario of the case. */
  path: string;
  commit: string;
  /** The upstream fix: `git diff parent fix` over the fix files, as the `correct` scenario applies it. */
  fixDiff: string;
  /** The fix files' contents in the starting repository, for scenarios that derive edits from them. */
  fixFileContents: ReadonlyMap<string, string>;
}

export function mirrorPathOf(definition: CaseDefinition): string {
  return join(MIRROR_DIRECTORY, definition.repository.mirror, 'repo');
}

export function hasMirror(definition: CaseDefinition): boolean {
  return existsSync(mirrorPathOf(definition));
}

function git(directory: string, args: string[], input?: Buffer): Buffer {
  return execFileSync('git', ['-C', directory, ...args], {
    input,
    maxBuffer: 512 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** The file at a commit, or null when the commit does not have it (a test file the fix deleted). */
function fileAt(mirror: string, commit: string, path: string): Buffer | null {
  try {
    return git(mirror, ['show', `${commit}:${path}`]);
  } catch {
    return null;
  }
}

/**
 * Builds the case's starting repository in `directory` (created; must not exist yet). Throws
 * MissingMirrorError when the history was not fetched, and an Error when case.json disagrees
 * with the history (the parent is not the fix's parent, a listed file is not in the fix).
 */
export function buildCaseRepository(definition: CaseDefinition, directory: string): CaseRepository {
  const mirror = mirrorPathOf(definition);
  if (!existsSync(mirror)) throw new MissingMirrorError(definition, mirror);
  const { fixCommit, parentCommit } = definition.upstream;
  const actualParent = git(mirror, ['rev-parse', `${fixCommit}^`])
    .toString()
    .trim();
  if (actualParent !== parentCommit)
    throw new Error(`case ${definition.id}: the parent of ${fixCommit} is ${actualParent}, not ${parentCommit}`);
  const changed = git(mirror, ['diff', '--name-only', parentCommit, fixCommit]).toString().split('\n').filter(Boolean);
  const unlisted = [...definition.testFiles, ...definition.fixFiles].filter((path) => !changed.includes(path));
  if (unlisted.length) throw new Error(`case ${definition.id}: ${unlisted.join(', ')} not changed by ${fixCommit}`);

  mkdirSync(directory, { recursive: false });
  execFileSync('tar', ['-x', '-C', directory], {
    input: git(mirror, ['archive', '--format=tar', parentCommit]),
    maxBuffer: 16 * 1024 * 1024,
  });
  for (const path of definition.testFiles) {
    const content = fileAt(mirror, fixCommit, path);
    const target = join(directory, path);
    if (content === null) rmSync(target, { force: true });
    else {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
  }
  adjustManifest(definition, directory);

  git(directory, ['init', '-q', '-b', 'main']);
  git(directory, ['add', '-A']);
  git(directory, [
    '-c',
    'user.name=Patchbay benchmark',
    '-c',
    'user.email=bench@patchbay.invalid',
    '-c',
    'commit.gpgsign=false',
    'commit',
    '-q',
    '-m',
    `${definition.id}: ${definition.repository.url} at ${parentCommit.slice(0, 12)} plus the test of ${fixCommit.slice(0, 12)}`,
  ]);
  const fixFileContents = new Map(
    definition.fixFiles.map((path) => [path, readFileSync(join(directory, path), 'utf8')] as const),
  );
  return {
    path: directory,
    commit: git(directory, ['rev-parse', 'HEAD']).toString().trim(),
    fixDiff: git(mirror, [
      'diff',
      '--no-color',
      '--no-ext-diff',
      parentCommit,
      fixCommit,
      '--',
      ...definition.fixFiles,
    ]).toString(),
    fixFileContents,
  };
}

/** Applies case.json's manifest changes; lockfiles go, since they would reinstall what was pruned. */
function adjustManifest(definition: CaseDefinition, directory: string): void {
  for (const lockfile of LOCKFILES) rmSync(join(directory, lockfile), { force: true });
  const manifestPath = join(directory, 'package.json');
  if (!existsSync(manifestPath)) return;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  // A `packageManager` pin makes the platform use that manager; the pruned manifest is npm's.
  delete manifest['packageManager'];
  const adjustment = definition.manifest;
  if (adjustment?.scripts) {
    const scripts = { ...((manifest['scripts'] as Record<string, string> | undefined) ?? {}) };
    for (const [name, command] of Object.entries(adjustment.scripts)) {
      if (command === null) delete scripts[name];
      else scripts[name] = command;
    }
    manifest['scripts'] = scripts;
  }
  if (adjustment?.devDependencies) manifest['devDependencies'] = adjustment.devDependencies;
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
}
