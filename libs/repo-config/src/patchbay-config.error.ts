/** One thing wrong with a `.patchbay.yml`. */
export interface PatchbayConfigProblem {
  /** `syntax`: the YAML itself is malformed; `schema`: valid YAML that breaks a rule. */
  kind: 'syntax' | 'schema';
  /** The field, dotted (`plan.maxFilesChanged`, `test.1`); empty for the file as a whole. */
  path: string;
  /** What the rule is, in words a repository owner can act on. */
  rule: string;
  /** 1-based position in the file, when known. */
  line?: number;
  column?: number;
}

/**
 * A `.patchbay.yml` that cannot be used. The message lists every problem as
 * `file:line:column: field: rule`, the form editors and CI logs make clickable; `problems`
 * carries the same facts for a task event or the dashboard.
 */
export class PatchbayConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly PatchbayConfigProblem[],
  ) {
    super(
      `${file} is not valid:\n${problems.map((problem) => `  - ${formatPatchbayConfigProblem(file, problem)}`).join('\n')}`,
    );
    this.name = 'PatchbayConfigError';
  }
}

/** `.patchbay.yml:4:3: plan.maxFilesChanged: must be at least 1` */
export function formatPatchbayConfigProblem(file: string, problem: PatchbayConfigProblem): string {
  const position =
    problem.line === undefined ? '' : `:${problem.line}${problem.column === undefined ? '' : `:${problem.column}`}`;
  const field = problem.path ? `${problem.path}: ` : '';
  return `${file}${position}: ${field}${problem.rule}`;
}
