import type { TaskEventPayload, TaskEventType } from '@patchbay/contracts';

/*
 * Complete payloads for spec fixtures: each spec names the fields it is about, the rest are
 * plausible defaults, and the result is checked against the contracts like a producer's.
 */

export function commandExecutedPayload(
  fields: Partial<TaskEventPayload<'command_executed'>> & Pick<TaskEventPayload<'command_executed'>, 'command'>,
): TaskEventPayload<'command_executed'> {
  return { exitCode: 0, durationMs: 120, timedOut: false, ...fields };
}

export function testResultsPayload(
  fields: Partial<TaskEventPayload<'test_results'>> & Pick<TaskEventPayload<'test_results'>, 'phase'>,
): TaskEventPayload<'test_results'> {
  return {
    framework: 'node:test',
    command: 'npm test',
    exitCode: 0,
    passed: 0,
    failed: 0,
    skipped: 0,
    durationMs: 800,
    failures: [],
    failuresOmitted: 0,
    lint: null,
    ...fields,
  };
}

export function prCreatedPayload(
  fields: Partial<TaskEventPayload<'pr_created'>> & Pick<TaskEventPayload<'pr_created'>, 'url' | 'number'>,
): TaskEventPayload<'pr_created'> {
  return {
    branch: 'patchbay/change',
    headSha: 'a'.repeat(40),
    filesChanged: ['src/greet.js'],
    draft: false,
    ...fields,
  };
}

export function audioReadyPayload(
  fields: Partial<TaskEventPayload<'audio_ready'>> = {},
): TaskEventPayload<'audio_ready'> {
  return {
    contentType: 'audio/ogg; codecs=opus',
    bytes: 2048,
    durationSeconds: 3.2,
    provider: 'espeak',
    voice: 'en',
    sha256: 'b'.repeat(64),
    text: 'The greeting is fixed.',
    ...fields,
  };
}

/** An event type with the payload that type carries. */
export type TaskEventBody = { [Type in TaskEventType]: { type: Type; payload: TaskEventPayload<Type> } }[TaskEventType];

/** `type, payload` as a spec writes them; the union of pairs checks that the payload is the type's. */
export type TaskEventArgs = { [Type in TaskEventType]: [type: Type, payload: TaskEventPayload<Type>] }[TaskEventType];

export function eventBody(...[type, payload]: TaskEventArgs): TaskEventBody {
  // The call site has checked type and payload as a pair (TaskEventArgs); destructuring only loses that link for the compiler.
  return { type, payload } as TaskEventBody;
}
