import { z } from 'zod';

const modelName = z.string().trim().min(1).max(200);

/**
 * The models a fork may choose (ADR 0036): `MODEL_CHOICES` (comma-separated) and the role models
 * the deployment runs with, read from the same variables as the model layer. The gateway calls no
 * model, so it keeps these names only to refuse a fork whose model nothing is configured for.
 */
export const modelChoicesEnvSchema = z.object({
  MODEL_CHOICES: z
    .string()
    .max(4_000)
    .optional()
    .transform((raw) =>
      (raw ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name.length > 0),
    )
    .pipe(z.array(modelName.max(200, 'MODEL_CHOICES names must be at most 200 characters each'))),
  MODEL_DEFAULT: modelName.optional(),
  MODEL_PLANNER: modelName.optional(),
  MODEL_CODER: modelName.optional(),
});

export type ModelChoicesEnv = z.infer<typeof modelChoicesEnvSchema>;

/** The configured models, each once, MODEL_CHOICES first. */
export function modelChoicesOf(env: ModelChoicesEnv): string[] {
  const named = [...env.MODEL_CHOICES, env.MODEL_DEFAULT, env.MODEL_PLANNER, env.MODEL_CODER];
  return [...new Set(named.filter((name): name is string => name !== undefined))];
}
