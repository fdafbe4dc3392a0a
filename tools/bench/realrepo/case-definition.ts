/**
 * The shape of a real-repository benchmark case (`tools/bench/realrepo/cases/<id>/case.json`):
 * one upstream bug-fix commit, how to rebuild "the repository at the parent plus the test" from
 * it, what the task asks, which tests must pass, and the scenarios the stand-in model plays.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const commitIdSchema = z.string().regex(/^[0-9a-f]{40}$/, 'a full 40-hex commit id');
const repositoryPathSchema = z
  .string()
  .min(1)
  .refine((path) => !path.startsWith('/') && !path.split('/').includes('..'), 'a repository-relative path');

/** One search-and-replace edit, played through the coding agent's `edit_file` tool. */
export const scriptedEditSchema = z.strictObject({
  path: repositoryPathSchema,
  old: z.string().min(1),
  new: z.string(),
});
export type ScriptedEdit = z.infer<typeof scriptedEditSchema>;

export const SCENARIO_KINDS = ['correct', 'wrong', 'regression', 'unparseable', 'missed-target'] as const;
export type ScenarioKind = (typeof SCENARIO_KINDS)[number];

/**
 * What the stand-in model does as the coder:
 * - correct: reads the fix's files and applies the upstream fix with `apply_diff`;
 * - wrong: a plausible edit that leaves the target tests failing;
 * - regression: the upstream fix plus an edit that breaks a test that passed before;
 * - unparseable: an edit that leaves a fix file unparseable, then the upstream fix;
 * - missed-target: an unrelated, harmless change (a comment), so the target tests keep failing.
 * Authored edits are only needed where no generic edit says what the scenario means.
 */
export const scenarioSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('correct') }),
  z.strictObject({ kind: z.literal('wrong'), note: z.string().min(1), edits: z.array(scriptedEditSchema).min(1) }),
  z.strictObject({ kind: z.literal('regression'), note: z.string().min(1), edits: z.array(scriptedEditSchema).min(1) }),
  z.strictObject({ kind: z.literal('unparseable') }),
  z.strictObject({ kind: z.literal('missed-target') }),
]);
export type Scenario = z.infer<typeof scenarioSchema>;

export const RUNNERS = ['jest', 'vitest', 'mocha', 'ava', 'uvu', 'tap', 'node:test', 'pytest'] as const;

export const caseDefinitionSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    repository: z.strictObject({
      url: z.url(),
      /** The folder under the mirror directory (`owner+name`) that holds the fetched history. */
      mirror: z.string().regex(/^[\w.-]+\+[\w.-]+$/),
      licence: z.string().min(1),
    }),
    upstream: z.strictObject({
      fixCommit: commitIdSchema,
      parentCommit: commitIdSchema,
      subject: z.string().min(1),
    }),
    language: z.enum(['javascript', 'typescript', 'python']),
    runner: z.enum(RUNNERS),
    /** Files taken from the fix commit on top of the parent: the upstream test change. */
    testFiles: z.array(repositoryPathSchema).min(1),
    /** The fix commit's other files: their change is the upstream fix the `correct` scenario plays. */
    fixFiles: z.array(repositoryPathSchema).min(1),
    /**
     * Changes to package.json that keep installs small and offline-friendly: `scripts` entries are
     * set (or removed with null) one by one, `devDependencies` replaces the list. The linters and
     * builders left out would need the network or minutes to install and are not what is measured.
     */
    manifest: z
      .strictObject({
        scripts: z.record(z.string(), z.string().nullable()).optional(),
        devDependencies: z.record(z.string(), z.string()).optional(),
      })
      .optional(),
    /** Repository settings registered with the repository (left to detection when absent). */
    settings: z
      .strictObject({
        testCommand: z.string().min(1).optional(),
        setupCommand: z.string().min(1).optional(),
        lintCommand: z.string().min(1).optional(),
      })
      .optional(),
    /** The task as a user would write it. */
    prompt: z.string().min(20),
    /** The tests the fix must make pass, named as the runner names them (file repository-relative). */
    targetTests: z.array(z.strictObject({ name: z.string().min(1), file: repositoryPathSchema.optional() })).min(1),
    scenarios: z.array(scenarioSchema).min(1),
  })
  .superRefine((definition, context) => {
    if (!definition.scenarios.some((scenario) => scenario.kind === 'correct')) {
      context.addIssue({ code: 'custom', message: 'every case plays its correct fix', path: ['scenarios'] });
    }
    const overlap = definition.testFiles.filter((path) => definition.fixFiles.includes(path));
    if (overlap.length)
      context.addIssue({
        code: 'custom',
        message: `a file cannot be both test and fix: ${overlap.join(', ')}`,
        path: ['fixFiles'],
      });
  });
export type CaseDefinition = z.infer<typeof caseDefinitionSchema>;

export const CASES_DIRECTORY = join(__dirname, 'cases');

/** Every case under cases/, validated; a bad case.json stops the run with its path and problems. */
export function loadCaseDefinitions(directory = CASES_DIRECTORY): CaseDefinition[] {
  return readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((id) => {
      const file = join(directory, id, 'case.json');
      const parsed = caseDefinitionSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (!parsed.success)
        throw new Error(
          `${file}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
        );
      if (parsed.data.id !== id) throw new Error(`${file}: id "${parsed.data.id}" does not match its folder "${id}"`);
      return parsed.data;
    });
}
