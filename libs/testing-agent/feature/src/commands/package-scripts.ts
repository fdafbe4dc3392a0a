import { joinWords, simpleCommandWords, splitCommandList, type ShellWord } from './shell-words';

export type PackageManager = 'npm' | 'yarn' | 'pnpm';

/** One command a package.json script runs, once `&&` lists and references to other scripts are taken apart. */
export interface ScriptStep {
  /** The command as the script writes it (a simple command, or a script reference kept whole). */
  command: string;
  /** The package.json script this step is the whole of (`pretest`, `lint`), when it is one. */
  script?: string;
}

/** Scripts that call scripts that call scripts: deeper than this is kept whole rather than followed. */
const MAX_DEPTH = 6;
const SILENT_FLAGS = new Set(['-s', '--silent', '--if-present']);
/** npm-run-all options that only change how it prints or whether it stops; running the scripts one by one keeps their meaning. */
const RUN_ALL_FLAGS = new Set([
  '-s',
  '--serial',
  '--sequential',
  '-p',
  '--parallel',
  '-l',
  '--print-label',
  '-n',
  '--print-name',
  '-c',
  '--continue-on-error',
  '--silent',
  '--aggregate-output',
]);

/**
 * The steps `npm test` (or `npm run <name>`) runs, in order: the `pre<name>` script, the script's
 * own steps, the `post<name>` script. `a && b` and `a; b` are split; `npm run x`, `pnpm x`, `yarn x`
 * and simple `run-s` / `npm-run-all` calls are replaced by the steps of the scripts they name. A
 * script that cannot be split (a pipe, `||`, a redirection) stays one step, run through the package
 * manager. Null when the named script itself cannot be split: it then has to run as written.
 */
export function scriptSteps(
  name: string,
  scripts: Readonly<Record<string, string>>,
  manager: PackageManager,
): ScriptStep[] | null {
  return new ScriptResolver(scripts, manager).script(name, []);
}

/** The steps of a command list (a test command from the settings), script references resolved; null when it cannot be split. */
export function commandSteps(
  command: string,
  scripts: Readonly<Record<string, string>>,
  manager: PackageManager,
): ScriptStep[] | null {
  return new ScriptResolver(scripts, manager).list(command, []);
}

class ScriptResolver {
  constructor(
    private readonly scripts: Readonly<Record<string, string>>,
    private readonly manager: PackageManager,
  ) {}

  script(name: string, stack: readonly string[]): ScriptStep[] | null {
    const body = this.scripts[name]?.trim();
    if (body === undefined) return null;
    const own = this.list(body, [...stack, name]);
    if (!own) return null;
    const main =
      own.length === 1 && own[0].command === body && !own[0].script ? [{ command: body, script: name }] : own;
    return [...this.hook(`pre${name}`, stack), ...main, ...this.hook(`post${name}`, stack)];
  }

  list(command: string, stack: readonly string[]): ScriptStep[] | null {
    const parts = splitCommandList(command);
    if (!parts) return null;
    const steps: ScriptStep[] = [];
    for (const part of parts) steps.push(...this.part(part, stack));
    return steps;
  }

  /** A `pre`/`post` hook runs around its script; one that cannot be split runs whole through the package manager. */
  private hook(name: string, stack: readonly string[]): ScriptStep[] {
    if (this.scripts[name] === undefined) return [];
    const body = this.scripts[name].trim();
    const own = stack.length < MAX_DEPTH ? this.list(body, [...stack, name]) : null;
    if (!own) return [{ command: `${this.manager} run ${name}`, script: name }];
    return own.length === 1 && own[0].command === body && !own[0].script ? [{ command: body, script: name }] : own;
  }

  private part(part: string, stack: readonly string[]): ScriptStep[] {
    const words = simpleCommandWords(part);
    if (!words) return [{ command: part }];
    const reference = scriptReference(words);
    if (reference) return this.reference(part, reference, stack);
    const patterns = runAllPatterns(words);
    if (patterns) {
      const names = patterns.flatMap((pattern) => this.matching(pattern));
      return names.length > 0
        ? names.flatMap((name) => this.follow(name, `${this.manager} run ${name}`, stack))
        : [{ command: part }];
    }
    return [{ command: part }];
  }

  private reference(part: string, reference: ScriptReference, stack: readonly string[]): ScriptStep[] {
    if (this.scripts[reference.name] === undefined) return reference.ifPresent ? [] : [{ command: part }];
    if (reference.args.length === 0) return this.follow(reference.name, part, stack);
    // Arguments passed to the script reach its program only when it is one simple command.
    const steps =
      stack.includes(reference.name) || stack.length >= MAX_DEPTH ? null : this.script(reference.name, stack);
    if (steps?.length === 1 && simpleCommandWords(steps[0].command))
      return [{ command: `${steps[0].command} ${joinWords(reference.args)}` }];
    return [{ command: part, script: reference.name }];
  }

  private follow(name: string, asWritten: string, stack: readonly string[]): ScriptStep[] {
    if (stack.includes(name) || stack.length >= MAX_DEPTH) return [{ command: asWritten, script: name }];
    return this.script(name, stack) ?? [{ command: asWritten, script: name }];
  }

  /** npm-run-all's globs: `*` stays within one `:` segment, `**` crosses them. */
  private matching(pattern: string): string[] {
    if (!pattern.includes('*')) return this.scripts[pattern] === undefined ? [] : [pattern];
    const source = pattern
      .split(/(\*\*|\*)/)
      .map((piece) => (piece === '**' ? '.*' : piece === '*' ? '[^:]*' : piece.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    const regex = new RegExp(`^${source}$`);
    return Object.keys(this.scripts).filter((name) => regex.test(name));
  }
}

interface ScriptReference {
  name: string;
  args: ShellWord[];
  ifPresent: boolean;
}

/** `npm run x`, `npm test`, `pnpm x`, `pnpm run x`, `yarn x`, `yarn run x` — the script named, and any arguments for it. */
function scriptReference(words: readonly ShellWord[]): ScriptReference | null {
  const values = words.map((entry) => entry.value);
  const manager = values[0];
  if (manager !== 'npm' && manager !== 'pnpm' && manager !== 'yarn') return null;
  let index = 1;
  let ifPresent = false;
  const skipFlags = () => {
    while (index < values.length && SILENT_FLAGS.has(values[index])) {
      if (values[index] === '--if-present') ifPresent = true;
      index += 1;
    }
  };
  skipFlags();
  let name: string | undefined;
  if (values[index] === 'run' || values[index] === 'run-script') {
    index += 1;
    skipFlags();
    name = values[index];
  } else if (values[index] === 'test' || values[index] === 't') name = 'test';
  else if (manager !== 'npm') name = values[index];
  if (!name || name.startsWith('-')) return null;
  index += 1;
  skipFlags();
  // npm hands the script only what follows `--`; yarn and pnpm hand it everything after the name.
  let args = words.slice(index);
  if (args[0]?.value === '--') args = args.slice(1);
  else if (manager === 'npm' && args.length > 0) return null;
  return { name, args, ifPresent };
}

/** The script names of a simple `run-s` / `run-p` / `npm-run-all` call; null for anything else. */
function runAllPatterns(words: readonly ShellWord[]): string[] | null {
  const program = words[0]?.value.split('/').pop();
  if (program !== 'run-s' && program !== 'run-p' && program !== 'npm-run-all') return null;
  const patterns: string[] = [];
  for (const entry of words.slice(1)) {
    if (entry.value.startsWith('-')) {
      if (!RUN_ALL_FLAGS.has(entry.value)) return null;
      continue;
    }
    // A quoted pattern with spaces carries arguments for the scripts (`"test:* -- --watch"`).
    if (/\s/.test(entry.value)) return null;
    patterns.push(entry.value);
  }
  return patterns.length > 0 ? patterns : null;
}
