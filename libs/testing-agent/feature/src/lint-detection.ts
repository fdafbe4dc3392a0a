import type { LintMode } from '@patchbay/contracts';
import { toolOf, withLocalBin, withVenv, type RepositoryProject } from './repository-project';
import type { PlannedStep, ValidationPlan } from './validation-plan';

/** A linter the repository has, and what identifies it when the test script already runs it. */
interface LintCandidate {
  /** The command to run it on its own. */
  command: string;
  /** The command as the repository (or detection) writes it, before PATH was added. */
  written: string;
  /** The package.json script it is (`lint`), when it is one. */
  script?: string;
  /** The tool (`eslint`, `ruff`, `go vet`). */
  tool?: string;
}

const ESLINT_CONFIGS = /^(eslint\.config\.(js|mjs|cjs|ts|mts|cts)|\.eslintrc(\.(js|cjs|json|yml|yaml))?)$/;

/**
 * Adds the repository's linter to the plan as a check, per its lint mode: `off` — none; `command`
 * — the lint command; `auto` — one found in the repository (a `lint` script; an ESLint config with
 * eslint installed; ruff or flake8 configuration; `go vet` for Go). A linter the test script
 * already runs (`eslint . && jest`, `npm run lint && vitest run`) is not run twice: that step of
 * the test script becomes the lint check.
 */
export function planLint(
  project: RepositoryProject,
  steps: PlannedStep[],
  overrides: { lintCommand?: string | null; lintMode?: LintMode },
): ValidationPlan {
  const command = overrides.lintCommand?.trim() || null;
  const mode: LintMode = overrides.lintMode ?? (command ? 'command' : 'auto');
  if (mode === 'off') return { steps, lintNote: 'Linting is off in the repository settings.' };
  const candidate = mode === 'command' ? (command ? fromCommand(command, project) : null) : detectLint(project);
  if (!candidate) {
    const note =
      mode === 'command'
        ? 'The lint mode is "command" but no lint command is set.'
        : 'No linter found in the repository (no lint script, ESLint, ruff or flake8 configuration, go.mod).';
    return { steps, lintNote: note };
  }
  const inTests = steps.findIndex((step) => step.role === 'check' && runsLinter(step, candidate));
  if (inTests >= 0)
    return {
      steps: steps.map((step, index) => (index === inTests ? { ...step, role: 'lint', framework: 'lint' } : step)),
      lintNote: null,
    };
  return {
    steps: [
      ...steps,
      {
        role: 'lint',
        name: 'lint',
        framework: 'lint',
        command: candidate.command,
        format: 'auto',
        written: candidate.written,
      },
    ],
    lintNote: null,
  };
}

function runsLinter(step: PlannedStep, candidate: LintCandidate): boolean {
  if (candidate.script && step.name === candidate.script) return true;
  if (step.written === candidate.written) return true;
  const tool = toolOf(step.written);
  return tool !== undefined && tool === candidate.tool;
}

function fromCommand(command: string, project: RepositoryProject): LintCandidate {
  const script = /^(npm|pnpm|yarn)( run(-script)?)? ([\w:.-]+)$/.exec(command)?.[4];
  const scriptBody = script ? project.pkg?.scripts[script] : undefined;
  return {
    command: withLocalBin(command, project),
    written: command,
    script: scriptBody !== undefined ? script : undefined,
    tool: toolOf(scriptBody ?? command),
  };
}

function detectLint(project: RepositoryProject): LintCandidate | null {
  const { pkg, files, manager } = project;
  if (pkg?.scripts.lint)
    return {
      command: `${manager} run lint`,
      written: `${manager} run lint`,
      script: 'lint',
      tool: toolOf(pkg.scripts.lint),
    };
  const eslintConfig = pkg?.hasEslintConfig || files.paths.some((path) => ESLINT_CONFIGS.test(path));
  if (pkg && eslintConfig && 'eslint' in pkg.dependencies)
    return { command: withLocalBin('eslint .', project), written: 'eslint .', tool: 'eslint' };
  if (files.contents.has('go.mod')) return { command: 'go vet ./...', written: 'go vet ./...', tool: 'go vet' };
  const pyproject = files.contents.get('pyproject.toml') ?? '';
  if (pyproject.includes('[tool.ruff') || files.contents.has('ruff.toml') || files.contents.has('.ruff.toml'))
    return { command: withVenv('ruff check .'), written: 'ruff check .', tool: 'ruff' };
  const flake8 =
    files.contents.has('.flake8') ||
    ['setup.cfg', 'tox.ini'].some((name) => (files.contents.get(name) ?? '').includes('[flake8]'));
  if (flake8) return { command: withVenv('python3 -m flake8'), written: 'python3 -m flake8', tool: 'flake8' };
  return null;
}
