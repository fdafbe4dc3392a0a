import type { EgressReport } from '@patchbay/contracts';

/** A pull request body has room for a long list, but not for a loop's thousands; the task keeps them all. */
const MAX_ROWS = 50;
const COMMAND_CELL_CHARS = 120;

/**
 * The PR body's "Egress" section: every connection the sandbox's egress proxy refused during the
 * task, with the command that was running (ADR 0032). Absent for a task whose diff was prepared
 * before reports existed.
 */
export function egressSection(report: EgressReport | null | undefined): string[] {
  if (!report) return [];
  const heading = '## Egress';
  if (!report.monitored)
    return [
      heading,
      'The sandbox had no network at all, so connection attempts failed inside it and could not be listed.',
      '',
    ];
  if (report.attempts.length === 0) return [heading, 'No connection attempt was refused.', ''];
  const total = report.attempts.length + report.dropped;
  const shown = report.attempts.slice(0, MAX_ROWS);
  const notShown = total - shown.length;
  return [
    heading,
    `The sandbox's egress proxy refused ${total} connection attempt(s). Commands are shortened, secrets masked.`,
    '',
    '| time (UTC) | host | port | command | reason |',
    '|---|---|---|---|---|',
    ...shown.map(
      (attempt) =>
        `| ${attempt.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z')} | ${code(attempt.host)} | ${attempt.port} | ${attempt.commands.length > 0 ? attempt.commands.map((command) => code(shorten(command))).join('<br>') : 'unknown'} | ${cell(attempt.reason)} |`,
    ),
    ...(notShown > 0 ? ['', `${notShown} more not listed here (see the task's egress report).`] : []),
    '',
  ];
}

function shorten(command: string): string {
  return command.length > COMMAND_CELL_CHARS ? `${command.slice(0, COMMAND_CELL_CHARS - 1)}…` : command;
}

/**
 * Untrusted text as a code span in a table cell: no backtick can end the span early (so no
 * markdown, link or mention inside it renders), and no pipe or newline can break the table.
 */
function code(text: string): string {
  return `\`${cell(text.replace(/`/g, "'"))}\``;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}
