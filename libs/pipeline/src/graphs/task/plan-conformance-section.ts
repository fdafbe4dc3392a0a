import type { OutOfPlanAcknowledgement, PlanConformanceReport, StepConformance } from '@patchbay/contracts';

const CHANGE_LABELS: Record<PlanConformanceReport['files'][number]['change'], string> = {
  added: 'added',
  modified: 'modified',
  deleted: 'deleted',
  renamed: 'renamed',
};

function stepCell(step: StepConformance): string {
  if (step.status === 'names_no_files') return 'names no files';
  if (step.status === 'no_change') return `no change (planned: ${step.plannedFiles.map(code).join(', ')})`;
  return step.changedFiles.map(code).join(', ');
}

function code(path: string): string {
  return `\`${path.replace(/`/g, "'")}\``;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/**
 * The pull request's "Plan conformance" section (ADR 0031): each step of the approved plan with
 * the files it changed or "no change", the files the plan implies, and every change outside the
 * plan with who acknowledged it. Empty when the diff has no report.
 */
export function planConformanceSection(
  report: PlanConformanceReport | null,
  acknowledgement: OutOfPlanAcknowledgement | null,
): string[] {
  if (!report) return [];
  const implied = report.files.filter((file) => file.impliedBy);
  const outside = report.files.filter((file) => file.outOfPlan);
  const version =
    report.planVersion === null ? 'the approved plan' : `the approved plan (version ${report.planVersion})`;
  return [
    '## Plan conformance',
    `The diff read against ${version}.`,
    '',
    '| step | files changed |',
    '|---|---|',
    ...report.steps.map((step, index) => `| ${cell(`${index + 1}. ${step.title}`)} | ${cell(stepCell(step))} |`),
    '',
    ...(implied.length > 0
      ? [
          'Implied by the plan:',
          ...implied.map((file) =>
            file.impliedBy?.kind === 'target_test'
              ? `- ${code(file.path)}: holds the target test "${cell(file.impliedBy.source)}"`
              : `- ${code(file.path)}: lockfile of ${code(file.impliedBy?.source ?? '')}`,
          ),
          '',
        ]
      : []),
    ...(outside.length === 0
      ? ['Every changed file belongs to the plan.', '']
      : [
          acknowledgement
            ? `**Outside the plan** — acknowledged by @${acknowledgement.by} when approving the diff:`
            : '**Outside the plan** — not acknowledged:',
          ...outside.map(
            (file) =>
              `- ${code(file.path)} (${CHANGE_LABELS[file.change]}${file.previousPath ? ` from ${code(file.previousPath)}` : ''})`,
          ),
          '',
        ]),
  ];
}
