import type { PlannedCommand } from '../validation-plan';
import { baseNames, joinWords, word, type ShellWord } from '../commands/shell-words';

/** A test runner invocation rewritten so that its results can be read test by test: a planned command without its framework. */
export type ReporterInvocation = Omit<PlannedCommand, 'framework'>;

export interface ReporterContext {
  /** A report file for this invocation, outside /workspace, with the given extension. */
  reportFile(extension: 'json' | 'xml'): string;
  /** Go module path (go.mod `module`), to name packages by directory. */
  goModulePath?: string;
}

/**
 * What the testing agent knows about one test runner: how to recognise an invocation of it, how
 * to make it report every test in a machine-readable form with bail neutralised (the baseline
 * and every later run must cover the same tests to be comparable), and which parser reads that.
 */
export interface RunnerAdapter {
  /** The name results carry (`TestRunSummary.framework`). */
  readonly framework: string;
  /** Packages whose presence in (dev)dependencies means the repository uses this runner (no test script). */
  readonly packages: readonly string[];
  /** Whether a simple command runs this runner, judged from its words' base names. */
  invokedBy(names: readonly string[], words: readonly ShellWord[]): boolean;
  withReporter(words: readonly ShellWord[], context: ReporterContext): ReporterInvocation;
}

/** Removes options (`--bail`, `--bail=2`, and with `takesValue` also `--bail 2`); used where a later flag would not win. */
export function withoutOptions(words: readonly ShellWord[], names: readonly string[], takesValue = false): ShellWord[] {
  const kept: ShellWord[] = [];
  for (let index = 0; index < words.length; index += 1) {
    const value = words[index].value;
    if (names.includes(value)) {
      if (takesValue && index + 1 < words.length && !words[index + 1].value.startsWith('-')) index += 1;
      continue;
    }
    if (names.some((name) => name.startsWith('--') && value.startsWith(`${name}=`))) continue;
    kept.push(words[index]);
  }
  return kept;
}

/** The command with extra words after the word at `index` (or at the end when it is -1). */
export function withWords(words: readonly ShellWord[], extra: readonly string[], afterIndex = -1): string {
  const added = extra.map(word);
  if (afterIndex < 0) return joinWords([...words, ...added]);
  return joinWords([...words.slice(0, afterIndex + 1), ...added, ...words.slice(afterIndex + 1)]);
}

export function hasWord(words: readonly ShellWord[], value: string): boolean {
  return words.some((entry) => entry.value === value || entry.value.startsWith(`${value}=`));
}

/** The index of the first word whose base name is one of `names`; -1 when there is none. */
export function indexOfProgram(words: readonly ShellWord[], names: readonly string[]): number {
  return baseNames(words).findIndex((name) => names.includes(name));
}

/** `python -m <module>` (any python): the index of the module word, or -1. */
export function indexOfPythonModule(words: readonly ShellWord[], module: string): number {
  const names = baseNames(words);
  for (let index = 0; index + 2 < names.length + 1; index += 1) {
    if (
      /^python(\d(\.\d+)?)?$/.test(names[index] ?? '') &&
      words[index + 1]?.value === '-m' &&
      words[index + 2]?.value === module
    )
      return index + 2;
  }
  return -1;
}
