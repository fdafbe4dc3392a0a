import { readFileSync } from 'node:fs';
import { z } from 'zod';
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
    usage: z.object({ promptTokens: z.number().int().nonnegative(), completionTokens: z.number().int().nonnegative() }).optional(),
  })
  .refine((turn) => turn.content.length > 0 || turn.toolCalls.length > 0, 'a turn needs content or toolCalls');

/** The file format of the scripted provider. */
export const modelScriptSchema = z.object({
  label: z.string().min(1),
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

export class ScriptExhaustedError extends Error {
  constructor(
    readonly role: ModelRole,
    scriptLabel: string,
    source: string,
  ) {
    super(
      `The scripted model "${scriptLabel}" (${source}) has no turn left for the ${role}: ` +
        `every turn tagged "${role}" or untagged has been replayed. Add turns to the script, or check that the agent is not looping.`,
    );
    this.name = 'ScriptExhaustedError';
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
    const index = this.script.turns.findIndex((turn, i) => !this.consumed[i] && (turn.role === undefined || turn.role === role));
    if (index === -1) throw new ScriptExhaustedError(role, this.script.label, this.source);
    this.consumed[index] = true;
    return { ...this.script.turns[index], position: index + 1 };
  }

  /** How many turns `role` could still consume. */
  remaining(role: ModelRole): number {
    return this.script.turns.filter((turn, i) => !this.consumed[i] && (turn.role === undefined || turn.role === role)).length;
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
