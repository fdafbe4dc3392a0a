import {
  diffFileSections,
  type ConformanceFile,
  type DiffFileChangeKind,
  type Plan,
  type PlanConformanceReport,
  type StepConformance,
} from '@patchbay/contracts';

/** A file the diff changes, with its path before a rename. */
export interface ChangedFile {
  path: string;
  previousPath?: string;
  change: DiffFileChangeKind;
}

export interface PlanConformanceInput {
  /** The approved plan: its steps' `files` and its target tests. */
  plan: Pick<Plan, 'steps' | 'targetTests'>;
  planVersion: number | null;
  planContentHash: string;
  /** The unified diff (`git diff --binary` against the base commit). */
  diff: string;
  diffSha256: string;
}

/**
 * A manifest's lockfiles, by the manifest's file name: when a step names the manifest, a change
 * to a lockfile beside it is the package manager's doing, not a change outside the plan.
 */
const LOCKFILES_OF_MANIFEST: Record<string, readonly string[]> = {
  'package.json': ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb'],
  'pyproject.toml': ['poetry.lock', 'uv.lock', 'pdm.lock'],
  Pipfile: ['Pipfile.lock'],
  'go.mod': ['go.sum'],
  'Cargo.toml': ['Cargo.lock'],
  Gemfile: ['Gemfile.lock'],
  'composer.json': ['composer.lock'],
};

/**
 * Reads the final diff against the approved plan (ADR 0031). A changed file is covered by every
 * step whose `files` entry matches it; when no step does, it is implied by the plan when it is a
 * target test's file or a lockfile beside a manifest a step names; otherwise it is outside the
 * plan. A step whose entries match no changed file made no change; a step naming no files cannot
 * be judged from the diff and says so.
 */
export function planConformance(input: PlanConformanceInput): PlanConformanceReport {
  const changed = changedFiles(input.diff);
  const steps = input.plan.steps.map((step) => ({
    step,
    matchers: step.files
      .map(normalisePlanPath)
      .filter((entry) => entry !== '')
      .map(planEntryMatcher),
  }));
  const touches = (matchers: Array<(path: string) => boolean>, file: ChangedFile) =>
    [file.path, file.previousPath].some((path) => path !== undefined && matchers.some((matches) => matches(path)));

  const files: ConformanceFile[] = changed.map((file) => {
    const stepIds = steps.filter(({ matchers }) => touches(matchers, file)).map(({ step }) => step.id);
    const impliedBy =
      stepIds.length > 0
        ? undefined
        : (impliedByTargetTest(input.plan.targetTests, file) ??
          impliedByManifest(file, (path) => steps.some(({ matchers }) => matchers.some((matches) => matches(path)))));
    return {
      path: file.path,
      ...(file.previousPath === undefined ? {} : { previousPath: file.previousPath }),
      change: file.change,
      stepIds,
      ...(impliedBy ? { impliedBy } : {}),
      outOfPlan: stepIds.length === 0 && !impliedBy,
    };
  });

  const stepReports: StepConformance[] = steps.map(({ step, matchers }) => {
    const changedFiles = changed.filter((file) => touches(matchers, file)).map((file) => file.path);
    return {
      id: step.id,
      title: step.title,
      plannedFiles: step.files,
      changedFiles,
      status: matchers.length === 0 ? 'names_no_files' : changedFiles.length > 0 ? 'changed' : 'no_change',
    };
  });

  return {
    planVersion: input.planVersion,
    planContentHash: input.planContentHash,
    diffSha256: input.diffSha256,
    steps: stepReports,
    files,
    outOfPlan: files.filter((file) => file.outOfPlan).map((file) => file.path),
  };
}

/** The files a unified diff changes, in diff order, with what happened to each. */
export function changedFiles(diff: string): ChangedFile[] {
  return diffFileSections(diff).map((section) => {
    const lines = section.text.split('\n');
    const end = lines.findIndex((line) => line.startsWith('@@') || line.startsWith('GIT binary patch'));
    const headers = end < 0 ? lines : lines.slice(0, end);
    const header = (name: string) => {
      const line = headers.find((candidate) => candidate.startsWith(`${name} `));
      // Git ends a `---`/`+++` path that holds a space with a tab.
      return line === undefined ? undefined : unquoteGitPath(line.slice(name.length + 1).replace(/\t$/, ''));
    };
    const renamedFrom = header('rename from');
    const renamedTo = header('rename to');
    if (renamedFrom !== undefined && renamedTo !== undefined)
      return { path: renamedTo, previousPath: renamedFrom, change: 'renamed' as const };
    const side = (name: '+++' | '---', prefix: RegExp) => {
      const path = header(name);
      return path === undefined || path === '/dev/null' ? undefined : path.replace(prefix, '');
    };
    const path = side('+++', /^b\//) ?? side('---', /^a\//) ?? section.path;
    if (headers.some((line) => line.startsWith('deleted file mode'))) return { path, change: 'deleted' as const };
    // A copy adds a file; its source is left as it was.
    const copiedTo = header('copy to');
    if (copiedTo !== undefined) return { path: copiedTo, change: 'added' as const };
    if (headers.some((line) => line.startsWith('new file mode'))) return { path, change: 'added' as const };
    return { path, change: 'modified' as const };
  });
}

/**
 * A plan entry as a repository-relative path: no leading `./` or `/`, no doubled slashes. A
 * trailing `/` is kept: it marks a directory.
 */
export function normalisePlanPath(entry: string): string {
  return entry
    .trim()
    .replace(/\\/g, '/')
    .replace(/\/{2,}/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/^\/+/, '');
}

/**
 * What a step's `files` entry covers: a glob (`*` within a directory, `**` across them, `?` one
 * character) anchored at the repository root; otherwise the path itself and, since planners name
 * directories with or without a trailing slash, everything beneath it.
 */
export function planEntryMatcher(entry: string): (path: string) => boolean {
  if (/[*?]/.test(entry)) {
    const pattern = globSource(entry.replace(/\/$/, ''));
    const glob = new RegExp(entry.endsWith('/') ? `^${pattern}/.+$` : `^${pattern}$`);
    return (path) => glob.test(path);
  }
  const directory = entry.endsWith('/') ? entry : `${entry}/`;
  return (path) => path === entry || path.startsWith(directory);
}

function globSource(glob: string): string {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === '*' && glob[i + 1] === '*') {
      // `**/` may match no directory at all, so `src/**/x.ts` covers `src/x.ts`.
      const slash = glob[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += (char ?? '').replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return source;
}

function impliedByTargetTest(
  targetTests: Plan['targetTests'],
  file: ChangedFile,
): ConformanceFile['impliedBy'] | undefined {
  const target = targetTests.find(
    (test) => test.file !== undefined && [file.path, file.previousPath].includes(normalisePlanPath(test.file)),
  );
  return target ? { kind: 'target_test', source: target.name } : undefined;
}

function impliedByManifest(
  file: ChangedFile,
  planned: (path: string) => boolean,
): ConformanceFile['impliedBy'] | undefined {
  const slash = file.path.lastIndexOf('/');
  const directory = file.path.slice(0, slash + 1);
  const name = file.path.slice(slash + 1);
  for (const [manifest, lockfiles] of Object.entries(LOCKFILES_OF_MANIFEST)) {
    if (lockfiles.includes(name) && planned(`${directory}${manifest}`))
      return { kind: 'lockfile', source: `${directory}${manifest}` };
  }
  return undefined;
}

/** Git quotes a path with unusual characters (`"a\303\251.txt"`); this gives the path itself. */
function unquoteGitPath(path: string): string {
  if (!path.startsWith('"') || !path.endsWith('"')) return path;
  const bytes: number[] = [];
  const body = path.slice(1, -1);
  const escapes: Record<string, string> = {
    n: '\n',
    t: '\t',
    '"': '"',
    '\\': '\\',
    a: '\x07',
    b: '\b',
    f: '\f',
    r: '\r',
    v: '\v',
  };
  for (let i = 0; i < body.length; i++) {
    const char = body[i] ?? '';
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else {
      bytes.push(...Buffer.from(escapes[body[i + 1] ?? ''] ?? body[i + 1] ?? '', 'utf8'));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
