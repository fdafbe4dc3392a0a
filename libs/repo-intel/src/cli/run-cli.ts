import { readFile } from 'node:fs/promises';
import { NotAGitRepositoryError, UnknownRevisionError } from '../git/commit-tree';
import { RepositoryIntelligence } from '../repository-intelligence';
import type { LocalizeAnswer } from '../search/localize-result';
import { parseCliArguments, USAGE, UsageError, type CliCommand } from './cli-arguments';

export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

/**
 * Runs the repo-intel CLI and returns its exit code: 0 on success, 2 for a mistake of the
 * caller (bad arguments, not a repository, unknown revision, unreadable query file, a path not
 * in the commit) reported as one line, 1 for an internal failure.
 */
export async function runCli(argv: readonly string[], output: CliOutput): Promise<number> {
  let command: CliCommand;
  try {
    command = parseCliArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    output.err(`repo-intel: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  try {
    await execute(command, output);
    return 0;
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof NotAGitRepositoryError ||
      error instanceof UnknownRevisionError
    ) {
      output.err(`repo-intel: ${error.message}\n`);
      return 2;
    }
    const detail = process.env['REPO_INTEL_DEBUG'] ? String((error as Error).stack) : (error as Error).message;
    output.err(`repo-intel: internal error: ${detail}\n`);
    return 1;
  }
}

async function execute(command: CliCommand, output: CliOutput): Promise<void> {
  if (command.command === 'help') {
    output.out(`${USAGE}\n`);
    return;
  }
  // Read the query before indexing, so a wrong file name fails at once rather than after the index.
  const query = command.command === 'localize' ? await readQuery(command.queryFile, command.query) : '';
  const intel = await RepositoryIntelligence.open({
    repo: command.repo,
    rev: command.rev,
    cacheDirectory: command.cacheDirectory,
    options: { excludes: command.excludes },
    ...(command.command === 'index' ? { base: command.base, full: command.full } : {}),
  });
  const report = intel.report!;

  if (command.command === 'index') {
    if (command.json) output.out(`${JSON.stringify(report, null, 2)}\n`);
    else {
      const from = report.baseCommit ? ` from ${report.baseCommit.slice(0, 12)}` : '';
      output.out(
        `${report.mode} index of ${report.commit.slice(0, 12)}${from}: ${report.files} files, ${report.indexedFiles} indexed, ${report.parsedFiles} parsed, ` +
          `${report.indexedLines} lines, ${report.analysedFiles} analysed, ${Math.round(report.durationMs)} ms\n`,
      );
    }
    return;
  }

  if (command.command === 'summary') {
    const summary = intel.getFileSummary(command.path);
    if (!summary) throw new UsageError(`${command.path} is not a file of commit ${intel.commit.slice(0, 12)}`);
    output.out(command.json ? `${JSON.stringify(summary, null, 2)}\n` : `${summary.text}\n`);
    return;
  }

  const answer = intel.localize(query, command.k, { includeTests: command.includeTests });
  output.out(command.json ? `${JSON.stringify({ ...answer, query }, null, 2)}\n` : renderAnswer(answer));
}

async function readQuery(queryFile: string | undefined, query: string | undefined): Promise<string> {
  let text = query ?? '';
  if (queryFile !== undefined) {
    try {
      text = await readFile(queryFile, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(
        `cannot read query file ${queryFile}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (code ?? 'unreadable')}`,
      );
    }
  }
  if (text.trim() === '')
    throw new UsageError(queryFile !== undefined ? `query file ${queryFile} is empty` : 'the query is empty');
  return text;
}

function renderAnswer(answer: LocalizeAnswer): string {
  if (answer.files.length === 0) return `no file matches the query at ${answer.commit.slice(0, 12)}\n`;
  const lines = answer.files.map((file, i) => {
    const symbols = file.symbols.map(
      (s) => `    ${s.startLine}-${s.endLine} ${s.kind} ${s.container ? `${s.container}.` : ''}${s.name} (${s.reason})`,
    );
    return [
      `${String(i + 1).padStart(2)}. ${file.path}  ${file.score.toFixed(3)}  [${file.role}] ${file.reasons.join('; ')}`,
      ...symbols,
    ].join('\n');
  });
  return `${lines.join('\n')}\n`;
}
