/**
 * How a repository's linter is run as a check: `off` — never; `auto` — the testing agent looks
 * for one (a `lint` script, an ESLint config with eslint installed, ruff or flake8 configuration,
 * `go vet`); `command` — the repository's lint command.
 */
export const LINT_MODES = ['off', 'auto', 'command'] as const;
export type LintMode = (typeof LINT_MODES)[number];
