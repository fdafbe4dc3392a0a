import { createHash } from 'node:crypto';
import type { AudioReadyPayload } from '@patchbay/contracts';
import type { PipelineDependencies } from '../../pipeline-dependencies';
import { spokenSummary } from './spoken-summary';
import { withSpokenSummarySection } from './spoken-summary-section';
import type { TaskBrief, TaskGraphStateType } from './task-graph.state';

/**
 * Speaks the finished task's summary, stores the clip as the task's `audio` artifact, raises
 * `audio_ready`, and links it from a local forge's pull request. Speech is a courtesy: any failure
 * here becomes a warning on the task's log, and the task completes regardless.
 */
export async function speakSummary(
  deps: PipelineDependencies,
  brief: TaskBrief,
  state: TaskGraphStateType,
): Promise<void> {
  if (!deps.speech) return;
  const text = spokenSummary({
    repositoryName: brief.repositoryName,
    change: state.plan?.summary ?? brief.prompt,
    files: changedFiles(state.diff ?? ''),
    testsBefore: state.baseline ? { passed: state.baseline.tests.passed, failed: state.baseline.tests.failed } : null,
    testsAfter: state.latest ? { passed: state.latest.tests.passed, failed: state.latest.tests.failed } : null,
    pullRequest: state.published
      ? { number: state.published.number, branch: state.published.branch, followUp: brief.github?.followUp != null }
      : null,
  });
  try {
    const speech = await deps.speech.synthesize(text);
    const sha256 = createHash('sha256').update(speech.audio).digest('hex');
    await deps.store.saveArtifact(brief.taskId, 'audio', speech.contentType, speech.audio, sha256);
    const payload: AudioReadyPayload = {
      contentType: speech.contentType,
      bytes: speech.audio.length,
      durationSeconds: speech.durationSeconds,
      provider: speech.provider,
      voice: speech.voice,
      sha256,
      text,
    };
    await deps.events.raise(brief.taskId, 'audio_ready', { ...payload });
    // A GitHub pull request gets its link as a comment from the gateway (it knows the public URL);
    // a local forge's pull request lives here, so its body carries the section.
    if (!brief.github && state.published) {
      const pullRequest = await deps.pullRequests.findByTask(brief.taskId);
      if (pullRequest)
        await deps.pullRequests.updateBody(
          pullRequest.id,
          withSpokenSummarySection(pullRequest.body, brief.taskId, payload),
        );
    }
  } catch (error) {
    await deps.events
      .raise(brief.taskId, 'error', {
        category: 'speech',
        severity: 'warning',
        recoverable: true,
        message: `The spoken summary could not be made; the task is complete without it. ${error instanceof Error ? error.message : String(error)}`,
      })
      .catch(() => undefined);
  }
}

/** Paths a unified diff touches (the new path of a rename), in diff order. */
export function changedFiles(diff: string): string[] {
  const files: string[] = [];
  for (const match of diff.matchAll(/^diff --git a\/.+? b\/(.+)$/gm))
    if (match[1] && !files.includes(match[1])) files.push(match[1]);
  return files;
}
