import { createHash } from 'node:crypto';
import type { BlockedEgressResponse, EgressReport } from '@patchbay/contracts';
import { redactText } from '@patchbay/observability';
import type { PipelineDependencies } from '../../pipeline-dependencies';

/** Long enough to recognise a command, short enough that a pasted script does not flood the report. */
const COMMAND_CHARS = 300;
/** The event names at most this many distinct targets; the report has them all. */
const EVENT_TARGETS = 20;

/**
 * Reads the connections the sandbox's egress proxy refused so far (the sandbox service keeps them
 * per sandbox, bounded), stores them as the task's `egress_report` artifact and raises the
 * `egress_report` event. Commands come from the repository or the model: secrets are masked and
 * the text is shortened here, once, so no reader ever sees the raw text.
 */
export async function collectEgressReport(
  deps: Pick<PipelineDependencies, 'sandbox' | 'store' | 'events'>,
  taskId: string,
  sandboxId: string,
  signal?: AbortSignal,
): Promise<EgressReport> {
  const report = toEgressReport(await deps.sandbox.blockedEgress(sandboxId, signal), new Date());
  const bytes = Buffer.from(JSON.stringify(report), 'utf8');
  await deps.store.saveArtifact(
    taskId,
    'egress_report',
    'application/json',
    bytes,
    createHash('sha256').update(bytes).digest('hex'),
  );
  const targets = [...new Set(report.attempts.map((attempt) => `${attempt.host}:${attempt.port}`))];
  await deps.events.raise(taskId, 'egress_report', {
    monitored: report.monitored,
    blocked: report.attempts.length,
    dropped: report.dropped,
    targets: targets.slice(0, EVENT_TARGETS),
  });
  return report;
}

export function toEgressReport(blocked: BlockedEgressResponse, collectedAt: Date): EgressReport {
  return {
    monitored: blocked.monitored,
    attempts: blocked.attempts.map((attempt) => ({
      host: attempt.host,
      port: attempt.port,
      reason: attempt.reason,
      at: attempt.at,
      commands: attempt.commands.map(shortenCommand),
    })),
    dropped: blocked.dropped,
    collectedAt: collectedAt.toISOString(),
  };
}

/** One line, secrets masked, at most COMMAND_CHARS characters. */
export function shortenCommand(command: string): string {
  const line = redactText(command).replace(/\s+/g, ' ').trim();
  return line.length > COMMAND_CHARS ? `${line.slice(0, COMMAND_CHARS - 1)}…` : line;
}
