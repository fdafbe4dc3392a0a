/** A mistake in how the CLI was called: printed as one line with the usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

interface CommonArguments {
  repo: string;
  rev: string;
  /** null: no on-disk cache. */
  cacheDirectory: string | null | undefined;
  excludes: string[];
  json: boolean;
}

export type CliCommand =
  | { command: 'help' }
  | (CommonArguments & { command: 'index'; base: string | undefined; full: boolean })
  | (CommonArguments & {
      command: 'localize';
      queryFile: string | undefined;
      query: string | undefined;
      k: number;
      includeTests: boolean;
    })
  | (CommonArguments & { command: 'summary'; path: string });

export const USAGE = `usage:
  repo-intel index    --repo <path> [--rev <rev>] [--base <rev>] [--full] [common options]
  repo-intel localize --repo <path> [--rev <rev>] (--query-file <file> | --query <text>) [--k 10] [--no-tests] [common options]
  repo-intel summary  --repo <path> [--rev <rev>] --path <file-in-repo> [common options]
common options: --cache-dir <dir> | --no-cache, --exclude <gitignore pattern> (repeatable), --json`;

const FLAGS = new Set(['--full', '--json', '--no-cache', '--no-tests', '--help']);
const VALUES = new Set([
  '--repo',
  '--rev',
  '--base',
  '--query-file',
  '--query',
  '--k',
  '--cache-dir',
  '--exclude',
  '--path',
]);
const ALLOWED: Record<string, string[]> = {
  index: ['--repo', '--rev', '--base', '--full', '--cache-dir', '--no-cache', '--exclude', '--json'],
  localize: [
    '--repo',
    '--rev',
    '--query-file',
    '--query',
    '--k',
    '--no-tests',
    '--cache-dir',
    '--no-cache',
    '--exclude',
    '--json',
  ],
  summary: ['--repo', '--rev', '--path', '--cache-dir', '--no-cache', '--exclude', '--json'],
};

/** Parses argv (without node and the script) into a command, or throws a UsageError naming the problem. */
export function parseCliArguments(argv: readonly string[]): CliCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h')
    return { command: 'help' };
  const allowed = ALLOWED[command];
  if (!allowed) throw new UsageError(`unknown command "${command}" (expected index, localize or summary)`);

  const values = new Map<string, string[]>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    if (name === '--help') return { command: 'help' };
    if (!FLAGS.has(name) && !VALUES.has(name))
      throw new UsageError(arg.startsWith('-') ? `unknown option ${name}` : `unexpected argument "${arg}"`);
    if (!allowed.includes(name)) throw new UsageError(`option ${name} does not apply to "${command}"`);
    if (FLAGS.has(name)) {
      if (inline !== undefined) throw new UsageError(`option ${name} takes no value`);
      values.set(name, ['true']);
      continue;
    }
    const value = inline ?? rest[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--')))
      throw new UsageError(`option ${name} needs a value`);
    if (name !== '--exclude' && values.has(name)) throw new UsageError(`option ${name} given twice`);
    values.set(name, [...(values.get(name) ?? []), value]);
  }

  const one = (name: string) => values.get(name)?.[0];
  const repo = one('--repo');
  if (!repo) throw new UsageError('--repo <path> is required');
  if (values.has('--no-cache') && values.has('--cache-dir'))
    throw new UsageError('--no-cache and --cache-dir exclude each other');
  const common: CommonArguments = {
    repo,
    rev: one('--rev') ?? 'HEAD',
    cacheDirectory: values.has('--no-cache') ? null : one('--cache-dir'),
    excludes: values.get('--exclude') ?? [],
    json: values.has('--json'),
  };

  if (command === 'index') return { ...common, command, base: one('--base'), full: values.has('--full') };
  if (command === 'summary') {
    const path = one('--path');
    if (!path) throw new UsageError('--path <file-in-repo> is required');
    return { ...common, command, path };
  }
  const queryFile = one('--query-file');
  const query = one('--query');
  if ((queryFile === undefined) === (query === undefined))
    throw new UsageError('give exactly one of --query-file <file> or --query <text>');
  const kText = one('--k') ?? '10';
  const k = Number(kText);
  if (!/^\d+$/.test(kText) || k < 1 || k > 1000)
    throw new UsageError(`--k must be a whole number from 1 to 1000, got "${kText}"`);
  return { ...common, command: 'localize', queryFile, query, k, includeTests: !values.has('--no-tests') };
}
