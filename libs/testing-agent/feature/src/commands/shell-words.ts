/** A word of a shell command: as written (quotes kept, for rebuilding the command) and as the shell reads it. */
export interface ShellWord {
  raw: string;
  value: string;
}

/** `&&` and `;` between simple commands; anything else that joins commands makes the list opaque. */
interface Scan {
  parts: string[];
}

/**
 * Splits a command list on `&&` and `;` outside quotes into simple commands. Null when the list
 * holds anything whose effect cannot be reproduced by running its parts one after another: pipes,
 * `||`, background jobs, redirections, subshells, substitutions, comments or several lines.
 */
export function splitCommandList(command: string): string[] | null {
  const scan = scanCommandList(command);
  if (!scan) return null;
  const parts = scan.parts.map((part) => part.trim());
  // `a && && b` or a trailing `;` leave an empty part: not a list a shell would accept as written.
  if (parts.some((part, index) => part === '' && !(index === parts.length - 1 && parts.length > 1))) return null;
  return parts.filter((part) => part !== '');
}

/** The words of one simple command; null when it is not one (see {@link splitCommandList}). */
export function simpleCommandWords(command: string): ShellWord[] | null {
  const parts = splitCommandList(command);
  if (!parts || parts.length !== 1) return null;
  return readWords(parts[0]);
}

/** A command with no list operators at all: arguments appended at its end reach its program. */
export function isSimpleCommand(command: string): boolean {
  return simpleCommandWords(command) !== null;
}

/** Rebuilds a command from words; a word added by the agent is written as is. */
export function joinWords(words: readonly ShellWord[]): string {
  return words.map((word) => word.raw).join(' ');
}

export function word(raw: string): ShellWord {
  return { raw, value: raw };
}

/** `FOO=1 BAR=2 jest` → the index of `jest`: leading variable assignments are not the program. */
export function programIndex(words: readonly ShellWord[]): number {
  let index = 0;
  while (index < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[index].raw)) index += 1;
  return index;
}

/** The last path segment of each word's value: `./node_modules/.bin/jest` → `jest`. */
export function baseNames(words: readonly ShellWord[]): string[] {
  return words.map((entry) => entry.value.split('/').pop() ?? entry.value);
}

function scanCommandList(command: string): Scan | null {
  const parts: string[] = [];
  let current = '';
  let quote: "'" | '"' | null = null;
  for (let index = 0; index < command.length; index += 1) {
    const char = command[index];
    const next = command[index + 1];
    if (quote === "'") {
      current += char;
      if (char === "'") quote = null;
      continue;
    }
    if (char === '\\') {
      if (next === undefined || next === '\n') return null;
      current += char + next;
      index += 1;
      continue;
    }
    if (char === '`' || (char === '$' && next === '(')) return null;
    if (char === '$' && next === '{') {
      // `${NAME}` is an expansion inside one word, not a group.
      const close = command.indexOf('}', index);
      if (close < 0) return null;
      current += command.slice(index, close + 1);
      index = close;
      continue;
    }
    if (quote === '"') {
      current += char;
      if (char === '"') quote = null;
      continue;
    }
    if (char === "'" || char === '"') {
      quote = char;
      current += char;
      continue;
    }
    if (char === '&' && next === '&') {
      parts.push(current);
      current = '';
      index += 1;
      continue;
    }
    if (char === ';') {
      parts.push(current);
      current = '';
      continue;
    }
    if ('|&<>()\n\r{}'.includes(char)) return null;
    // A `#` that starts a word comments out the rest, arguments appended to the line included.
    if (char === '#' && (current === '' || /\s$/.test(current))) return null;
    current += char;
  }
  if (quote) return null;
  parts.push(current);
  return { parts };
}

function readWords(command: string): ShellWord[] {
  const words: ShellWord[] = [];
  let raw = '';
  let value = '';
  let quote: "'" | '"' | null = null;
  let inWord = false;
  for (let index = 0; index < command.length; index += 1) {
    const char = command[index];
    if (quote) {
      raw += char;
      if (char === quote) quote = null;
      else if (quote === '"' && char === '\\' && index + 1 < command.length) {
        raw += command[index + 1];
        value += command[index + 1];
        index += 1;
      } else value += char;
      continue;
    }
    if (/\s/.test(char)) {
      if (inWord) words.push({ raw, value });
      raw = '';
      value = '';
      inWord = false;
      continue;
    }
    inWord = true;
    raw += char;
    if (char === "'" || char === '"') quote = char;
    else if (char === '\\' && index + 1 < command.length) {
      raw += command[index + 1];
      value += command[index + 1];
      index += 1;
    } else value += char;
  }
  if (inWord) words.push({ raw, value });
  return words;
}
