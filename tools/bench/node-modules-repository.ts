/**
 * Makes a real git repository of at least `minLines` lines of JavaScript/TypeScript from packages
 * installed in node_modules, for the repository-intelligence scale benchmark: no network, real
 * third-party code (ESLint's hand-written sources first), one commit. Packages keep their
 * relative layout under `packages/<name>/`; nested node_modules, minified and map files are left
 * out so the repository looks like a source tree rather than an install.
 */
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';

const ROOT = join(__dirname, '../..');
// Packages that ship readable sources (not only bundles), largest and most "source-like" first.
const PACKAGES = [
  'eslint',
  '@nestjs/core',
  '@nestjs/common',
  '@nestjs/microservices',
  'amqplib',
  'ws',
  'express',
  'pg',
  'dockerode',
  'prom-client',
];
const SOURCE = /\.(js|cjs|mjs|ts|mts|cts)$/;

export interface NodeModulesRepository {
  path: string;
  lines: number;
  files: number;
  packages: string[];
}

export function makeNodeModulesRepository(target: string, minLines = 110_000): NodeModulesRepository {
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  let lines = 0;
  let files = 0;
  const used: string[] = [];
  for (const name of PACKAGES) {
    if (lines >= minLines) break;
    const source = join(ROOT, 'node_modules', name);
    if (!existsSync(source)) continue;
    used.push(name);
    for (const file of walk(source)) {
      const rel = relative(source, file);
      const destination = join(target, 'packages', name, rel);
      mkdirSync(dirname(destination), { recursive: true });
      copyFileSync(file, destination);
      if (SOURCE.test(file)) lines += readFileSync(file, 'utf8').split('\n').length;
      files++;
    }
  }
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.email=bench@patchbay.local', '-c', 'user.name=Bench', ...args], {
      cwd: target,
      stdio: 'pipe',
    });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-qm', `Sources of ${used.join(', ')} from node_modules`);
  return { path: target, lines, files, packages: used };
}

/** Changes `count` source files (a function appended to each) and commits; returns the new commit. */
export function commitSourceChanges(repository: string, count: number, round: number): string {
  const listed = execFileSync('git', ['ls-files', '*.js'], { cwd: repository }).toString().trim().split('\n');
  const step = Math.max(1, Math.floor(listed.length / count));
  for (let i = 0; i < count; i++) {
    const path = join(repository, listed[(i * step + round) % listed.length]);
    const extra = `\nfunction benchmarkHelper${round}_${i}(value) {\n  return String(value).trim();\n}\n`;
    appendFileSync(path, extra);
  }
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.email=bench@patchbay.local', '-c', 'user.name=Bench', ...args], {
      cwd: repository,
      stdio: 'pipe',
    });
  git('commit', '-qam', `Add helpers, round ${round}`);
  return git('rev-parse', 'HEAD').toString().trim();
}

function* walk(directory: string): Generator<string> {
  for (const entry of readdirSync(directory).sort()) {
    if (entry === 'node_modules' || entry === '.git') continue;
    const path = join(directory, entry);
    const stat = statSync(path);
    if (stat.isDirectory()) yield* walk(path);
    else if (stat.isFile() && !/\.(min\.js|map)$/.test(entry)) yield path;
  }
}
