import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Plan, PlanStep } from '@patchbay/contracts';
import { changedFiles, normalisePlanPath, planConformance, planEntryMatcher } from './plan-conformance';

/**
 * The diff a task produces, made by real git the way the sandbox makes it (`git add -A` into an
 * index, `git diff --cached --binary` against the base commit), so renames, deletions and quoted
 * paths look exactly as they will in a task.
 */
function gitDiff(base: Record<string, string>, change: (root: string) => void): string {
  const root = mkdtempSync(join(tmpdir(), 'plan-conformance-'));
  try {
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: root }).toString();
    git('init', '-q');
    for (const [path, text] of Object.entries(base)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    change(root);
    git('add', '-A');
    return git('diff', '--cached', '--binary', 'HEAD');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const write = (root: string, path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};

const BASE: Record<string, string> = {
  'package.json': '{ "name": "greeter" }\n',
  'package-lock.json': '{ "lockfileVersion": 3 }\n',
  'src/greet.js': "exports.greet = (name) => 'Hello ' + name;\n",
  'src/util/format.js': 'exports.format = (s) => s;\n',
  'src/legacy.js': 'module.exports = 1;\n'.repeat(20),
  'test/greet.test.js': "require('node:test');\n",
  'docs/guide.md': '# Guide\n',
  'README.md': '# Greeter\n',
};

const step = (id: string, files: string[], title = `step ${id}`): PlanStep => ({ id, title, detail: '', files });

function report(plan: { steps: PlanStep[]; targetTests?: Plan['targetTests'] }, diff: string) {
  return planConformance({
    plan: { steps: plan.steps, targetTests: plan.targetTests ?? [] },
    planVersion: 2,
    planContentHash: 'c'.repeat(64),
    diff,
    diffSha256: 'd'.repeat(64),
  });
}

describe('changedFiles', () => {
  it('tells added, modified, deleted and renamed files apart, renames with their old path', () => {
    const diff = gitDiff(BASE, (root) => {
      write(root, 'src/greet.js', 'exports.greet = (name) => `Hello, ${name}!`;\n');
      write(root, 'src/new-file.js', 'exports.x = 1;\n');
      unlinkSync(join(root, 'README.md'));
      renameSync(join(root, 'src/legacy.js'), join(root, 'src/modern.js'));
    });
    expect(changedFiles(diff)).toEqual([
      { path: 'README.md', change: 'deleted' },
      { path: 'src/greet.js', change: 'modified' },
      { path: 'src/modern.js', previousPath: 'src/legacy.js', change: 'renamed' },
      { path: 'src/new-file.js', change: 'added' },
    ]);
  });

  it('reads paths git quotes (spaces stay, non-ASCII is unescaped) and binary files', () => {
    const diff = gitDiff({ 'a.txt': 'a\n' }, (root) => {
      write(root, 'docs/my notes.md', 'x\n');
      write(root, 'docs/café.md', 'x\n');
      writeFileSync(join(root, 'logo.png'), Buffer.from([0, 1, 2, 255, 0, 7]));
    });
    expect(changedFiles(diff).map((file) => [file.path, file.change])).toEqual([
      ['docs/café.md', 'added'],
      ['docs/my notes.md', 'added'],
      ['logo.png', 'added'],
    ]);
  });

  it('does not mistake an added line that starts with "+++ " for a header', () => {
    const diff = gitDiff({ 'notes.txt': 'one\n' }, (root) => write(root, 'notes.txt', 'one\n++ b/elsewhere.txt\n'));
    expect(changedFiles(diff)).toEqual([{ path: 'notes.txt', change: 'modified' }]);
  });

  it('gives nothing for an empty diff', () => {
    expect(changedFiles('')).toEqual([]);
  });
});

describe('planEntryMatcher and normalisePlanPath', () => {
  const covers = (entry: string, path: string) => planEntryMatcher(normalisePlanPath(entry))(path);

  it('matches an exact repository-relative path, whatever leading ./ or / the planner wrote', () => {
    expect(covers('src/greet.js', 'src/greet.js')).toBe(true);
    expect(covers('./src/greet.js', 'src/greet.js')).toBe(true);
    expect(covers('/src/greet.js', 'src/greet.js')).toBe(true);
    expect(covers('src//greet.js ', 'src/greet.js')).toBe(true);
    expect(covers('src/greet.js', 'src/greet.jsx')).toBe(false);
    expect(covers('greet.js', 'src/greet.js')).toBe(false);
  });

  it('treats a directory, with or without its trailing slash, as everything beneath it', () => {
    expect(covers('src/util/', 'src/util/format.js')).toBe(true);
    expect(covers('src/util', 'src/util/deep/x.js')).toBe(true);
    expect(covers('src/util', 'src/utility.js')).toBe(false);
    expect(covers('src/util/', 'src/util')).toBe(false);
  });

  it('reads globs anchored at the root: * within a directory, ** across them (or none), ? one character', () => {
    expect(covers('src/*.js', 'src/greet.js')).toBe(true);
    expect(covers('src/*.js', 'src/util/format.js')).toBe(false);
    expect(covers('src/**/*.js', 'src/util/format.js')).toBe(true);
    expect(covers('src/**/*.js', 'src/greet.js')).toBe(true);
    expect(covers('src/**', 'src/util/format.js')).toBe(true);
    expect(covers('*.md', 'README.md')).toBe(true);
    expect(covers('*.md', 'docs/guide.md')).toBe(false);
    expect(covers('**/*.md', 'docs/guide.md')).toBe(true);
    expect(covers('test/greet.tes?.js', 'test/greet.test.js')).toBe(true);
    expect(covers('src/(a).js', 'src/(a).js')).toBe(true);
    expect(covers('src/*/', 'src/util/format.js')).toBe(true);
  });
});

describe('planConformance', () => {
  it('flags a file no step names, lists each step with its changed files, and a step that changed nothing', () => {
    const diff = gitDiff(BASE, (root) => {
      write(root, 'src/greet.js', 'exports.greet = (name) => `Hello, ${name}!`;\n');
      write(root, 'docs/guide.md', '# Guide\n\nMore.\n');
    });
    const result = report(
      {
        steps: [step('1', ['src/greet.js'], 'Fix the greeting'), step('2', ['src/util/format.js'], 'Format the name')],
      },
      diff,
    );
    expect(result).toEqual({
      planVersion: 2,
      planContentHash: 'c'.repeat(64),
      diffSha256: 'd'.repeat(64),
      steps: [
        {
          id: '1',
          title: 'Fix the greeting',
          plannedFiles: ['src/greet.js'],
          changedFiles: ['src/greet.js'],
          status: 'changed',
        },
        {
          id: '2',
          title: 'Format the name',
          plannedFiles: ['src/util/format.js'],
          changedFiles: [],
          status: 'no_change',
        },
      ],
      files: [
        { path: 'docs/guide.md', change: 'modified', stepIds: [], outOfPlan: true },
        { path: 'src/greet.js', change: 'modified', stepIds: ['1'], outOfPlan: false },
      ],
      outOfPlan: ['docs/guide.md'],
    });
  });

  it('counts a file several steps name for each of them, and once in the files', () => {
    const diff = gitDiff(BASE, (root) => write(root, 'src/greet.js', 'exports.greet = () => 1;\n'));
    const result = report({ steps: [step('a', ['src/greet.js']), step('b', ['src/'])] }, diff);
    expect(result.files).toEqual([{ path: 'src/greet.js', change: 'modified', stepIds: ['a', 'b'], outOfPlan: false }]);
    expect(result.steps.map((s) => [s.id, s.status, s.changedFiles])).toEqual([
      ['a', 'changed', ['src/greet.js']],
      ['b', 'changed', ['src/greet.js']],
    ]);
    expect(result.outOfPlan).toEqual([]);
  });

  it('covers a rename when a step names its old or its new path, and a deletion by the deleted path', () => {
    const diff = gitDiff(BASE, (root) => {
      renameSync(join(root, 'src/legacy.js'), join(root, 'src/modern.js'));
      unlinkSync(join(root, 'README.md'));
    });
    const byOld = report({ steps: [step('1', ['src/legacy.js', 'README.md'])] }, diff);
    expect(byOld.outOfPlan).toEqual([]);
    expect(byOld.files).toEqual([
      { path: 'README.md', change: 'deleted', stepIds: ['1'], outOfPlan: false },
      { path: 'src/modern.js', previousPath: 'src/legacy.js', change: 'renamed', stepIds: ['1'], outOfPlan: false },
    ]);
    expect(byOld.steps[0]?.changedFiles).toEqual(['README.md', 'src/modern.js']);
    expect(report({ steps: [step('1', ['src/modern.js'])] }, diff).outOfPlan).toEqual(['README.md']);
    expect(report({ steps: [step('1', ['docs/'])] }, diff).outOfPlan).toEqual(['README.md', 'src/modern.js']);
  });

  it("counts a target test's file as planned (the test the plan says must pass), and only its own file", () => {
    const diff = gitDiff(BASE, (root) => {
      write(root, 'src/greet.js', 'exports.greet = () => 1;\n');
      write(root, 'test/greet.test.js', "require('node:test');\n// more\n");
      write(root, 'test/other.test.js', "require('node:test');\n");
    });
    const result = report(
      {
        steps: [step('1', ['src/greet.js'])],
        targetTests: [{ name: 'greets by name', file: './test/greet.test.js' }, { name: 'greets loudly' }],
      },
      diff,
    );
    expect(result.files.find((file) => file.path === 'test/greet.test.js')).toEqual({
      path: 'test/greet.test.js',
      change: 'modified',
      stepIds: [],
      impliedBy: { kind: 'target_test', source: 'greets by name' },
      outOfPlan: false,
    });
    expect(result.outOfPlan).toEqual(['test/other.test.js']);
  });

  it('counts a lockfile as planned only when a step names the manifest beside it', () => {
    const diff = gitDiff(BASE, (root) => {
      write(root, 'package-lock.json', '{ "lockfileVersion": 3, "packages": {} }\n');
      write(root, 'packages/api/yarn.lock', '# yarn\n');
    });
    const planned = report({ steps: [step('1', ['package.json'])] }, diff);
    expect(planned.files[0]).toEqual({
      path: 'package-lock.json',
      change: 'modified',
      stepIds: [],
      impliedBy: { kind: 'lockfile', source: 'package.json' },
      outOfPlan: false,
    });
    // The step names the root manifest, not packages/api's.
    expect(planned.outOfPlan).toEqual(['packages/api/yarn.lock']);
    // The manifest itself is not part of the change: the step still made no change.
    expect(planned.steps[0]?.status).toBe('no_change');
    expect(report({ steps: [step('1', ['src/greet.js'])] }, diff).outOfPlan).toEqual([
      'package-lock.json',
      'packages/api/yarn.lock',
    ]);
  });

  it('says a step that names no files cannot be judged, and does not let it cover anything', () => {
    const diff = gitDiff(BASE, (root) => write(root, 'src/greet.js', 'exports.greet = () => 1;\n'));
    const result = report({ steps: [step('1', []), step('2', ['  '])] }, diff);
    expect(result.steps.map((s) => s.status)).toEqual(['names_no_files', 'names_no_files']);
    expect(result.outOfPlan).toEqual(['src/greet.js']);
  });

  it('flags a new file in a directory next to a planned one', () => {
    const diff = gitDiff(BASE, (root) => write(root, 'src/greet.helpers.js', 'x\n'));
    expect(report({ steps: [step('1', ['src/greet.js'])] }, diff).outOfPlan).toEqual(['src/greet.helpers.js']);
  });
});
