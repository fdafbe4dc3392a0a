import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ModelConfigurationError } from '../model-configuration.error';
import { MODEL_ROLES, ModelRole } from '../model-role';

export const scriptedToolCallSchema = z.object({
  name: z.string().min(1),
  args: z.record(z.string(), z.unknown()).default({}),
});

export const scriptedTurnSchema = z
  .object({
    /** Only this role consumes the turn; an untagged turn goes to whichever role asks first. */
    role: z.enum(MODEL_ROLES).optional(),
    content: z.string().default(''),
    toolCalls: z.array(scriptedToolCallSchema).default([]),
    /** Token counts to report for this turn; a replay costs nothing, so the default is zero. */
    usage: z
      .object({ promptTokens: z.number().int().nonnegative(), completionTokens: z.number().int().nonnegative() })
      .optional(),
  })
  .refine((turn) => turn.content.length > 0 || turn.toolCalls.length > 0, 'a turn needs content or toolCalls');

/** The file format of the scripted provider. */
export const modelScriptSchema = z.object({
  label: z.string().min(1),
  /**
   * The task prompts the recording was made for. A task with any other prompt is refused, so a
   * replay never passes off one task's fix as the answer to another. Absent: any task (tests).
   */
  prompts: z.array(z.string().min(1)).min(1).optional(),
  turns: z.array(scriptedTurnSchema).min(1),
});

export type ScriptedToolCall = z.infer<typeof scriptedToolCallSchema>;
export type ScriptedTurn = z.infer<typeof scriptedTurnSchema>;
export type ModelScript = z.infer<typeof modelScriptSchema>;
/** The file format as written by hand, before defaults apply. */
export type ModelScriptInput = z.input<typeof modelScriptSchema>;

export class InvalidModelScriptError extends Error {
  constructor(source: string, problems: string[]) {
    super(`The model script ${source} is invalid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'InvalidModelScriptError';
  }
}

const HOW_TO_CONFIGURE =
  'Set OPENAI_BASE_URL and OPENAI_API_KEY (or MODEL_PROVIDER=openai with an organisation key) for a real model; see docs/models.md.';

export class ScriptExhaustedError extends ModelConfigurationError {
  constructor(
    readonly role: ModelRole,
    scriptLabel: string,
  ) {
    super(
      `The scripted model "${scriptLabel}" has no recorded turn left for the ${role}: it can only replay what was recorded. ${HOW_TO_CONFIGURE}`,
    );
    this.name = 'ScriptExhaustedError';
  }
}

/** A task the recording was not made for: replaying it would publish another task's change under this one's name. */
export class ScriptNotForThisTaskError extends ModelConfigurationError {
  constructor(scriptLabel: string, prompts: readonly string[]) {
    super(
      `No model is configured for this task: the scripted model "${scriptLabel}" only replays its recording of ${prompts.map((prompt) => `"${prompt}"`).join(', ')}. ${HOW_TO_CONFIGURE}`,
    );
    this.name = 'ScriptNotForThisTaskError';
  }
}

/** A turn handed out by the script, with its 1-based position in the file for error messages. */
export interface ReplayedTurn extends ScriptedTurn {
  position: number;
}

/**
 * A script and how far it has been replayed. Turns are consumed in file order per role; every
 * model given the same instance shares the progress, so hand one instance to all models of a task.
 */
export class ScriptedTurns {
  private readonly consumed: boolean[];

  private constructor(
    readonly script: ModelScript,
    readonly source: string,
  ) {
    this.consumed = script.turns.map(() => false);
  }

  static from(script: unknown, source = 'inline script'): ScriptedTurns {
    const result = modelScriptSchema.safeParse(script);
    if (!result.success) {
      throw new InvalidModelScriptError(
        source,
        result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
      );
    }
    return new ScriptedTurns(result.data, source);
  }

  get label(): string {
    return this.script.label;
  }

  /** Consumes the next turn meant for `role`. */
  next(role: ModelRole): ReplayedTurn {
    const index = this.script.turns.findIndex(
      (turn, i) => !this.consumed[i] && (turn.role === undefined || turn.role === role),
    );
    if (index === -1) throw new ScriptExhaustedError(role, this.script.label);
    this.consumed[index] = true;
    return { ...this.script.turns[index], position: index + 1 };
  }

  /**
   * Refuses a task the recording was not made for, judged by the task text the agents put between
   * `<task>` tags (whitespace aside). Requests without a task block (a summary) are not judged.
   */
  assertRecordedFor(taskText: string | null): void {
    const prompts = this.script.prompts;
    if (!prompts || taskText === null) return;
    const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();
    if (!prompts.some((prompt) => normalise(prompt) === normalise(taskText)))
      throw new ScriptNotForThisTaskError(this.script.label, prompts);
  }

  /** How many turns `role` could still consume. */
  remaining(role: ModelRole): number {
    return this.script.turns.filter((turn, i) => !this.consumed[i] && (turn.role === undefined || turn.role === role))
      .length;
  }
}

/** Reads and validates a script file; each call starts a fresh replay. */
export function loadScriptedTurns(file: string): ScriptedTurns {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InvalidModelScriptError(file, [`cannot be read (${(error as Error).message})`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidModelScriptError(file, [`is not valid JSON (${(error as Error).message})`]);
  }
  return ScriptedTurns.from(json, file);
}
