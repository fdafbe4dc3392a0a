import { formatCheckDuration, type RequiredCheckResult } from '@patchbay/contracts';
import { howItEnded } from './required-checks';

/**
 * The pull request's "Checks" table: each required check with its command, how it ended on the
 * final diff (passed, or failed and waived by whom and why), its duration and a link to its whole
 * output. Links are relative to the Patchbay server, as the other links of the body are.
 */
export function checksSection(taskId: string, checks: readonly RequiredCheckResult[]): string[] {
  if (checks.length === 0) return [];
  return [
    '## Checks',
    '| check | command | result | duration | output |',
    '|---|---|---|---|---|',
    ...checks.map(
      (check) =>
        `| ${cell(check.name)} | \`${cell(check.command).replace(/`/g, "'")}\` | ${cell(resultOf(check))} | ${formatCheckDuration(check.durationMs)} | ${
          check.outputArtifactId
            ? `[output](/api/v1/tasks/${taskId}/outputs/${check.outputArtifactId})`
            : `[task](/tasks/${taskId}#checks)`
        } |`,
    ),
    '',
  ];
}

/** A waived check is something the reviewer of the pull request should know was let through, and by whom. */
export function waivedCheckRiskLines(checks: readonly RequiredCheckResult[]): string[] {
  return checks
    .filter((check) => check.status === 'failed' && check.waiver)
    .map(
      (check) =>
        `- The required check \`${check.name}\` fails on this change; @${check.waiver?.by} waived it: ${cell(check.waiver?.reason ?? '')}`,
    );
}

function resultOf(check: RequiredCheckResult): string {
  if (check.status === 'passed') return '✅ passed';
  if (check.waiver) return `⚠️ failed (${howItEnded(check)}), waived by @${check.waiver.by}: ${check.waiver.reason}`;
  return `❌ failed (${howItEnded(check)})`;
}

/** Names, commands and reasons come from repositories and people: a pipe or a newline would break the table. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}
