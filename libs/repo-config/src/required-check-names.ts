import type { RequiredCheck } from '@patchbay/contracts';

/** Words that run another program or a package script: the name is what they run. */
const LAUNCHERS = new Set(['npx', 'pnpx', 'bunx', 'exec', 'env', 'cross-env', 'poetry', 'uv', 'pipenv']);
const PACKAGE_MANAGERS = new Set(['npm', 'pnpm', 'yarn', 'bun']);
const SCRIPT_VERBS = new Set(['run', 'run-script', 'exec', 'dlx']);

/**
 * Names the checks of the older `check:` list after what they run, so every required check has a
 * name in events, URLs and the pull request: `npx tsc --noEmit` → `tsc`, `npm run build` →
 * `build`, `pnpm lint:types` → `lint-types`, `./scripts/check.sh` → `check.sh`. A name that comes
 * up twice gets `-2`, `-3`; a command that gives no usable word is `check-<position>`.
 */
export function nameRequiredChecks(commands: readonly string[]): RequiredCheck[] {
  const taken = new Map<string, number>();
  return commands.map((command, index) => {
    const base = programName(command) ?? `check-${index + 1}`;
    const seen = taken.get(base) ?? 0;
    taken.set(base, seen + 1);
    return { name: seen === 0 ? base : `${base}-${seen + 1}`, command };
  });
}

function programName(command: string): string | null {
  const words = command
    .trim()
    .split(/\s+/)
    // Environment assignments (`CI=1 npm test`) and options (`npx --yes tsc`) name nothing.
    .filter((word) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(word) && !word.startsWith('-'));
  let index = 0;
  while (index < words.length - 1 && LAUNCHERS.has(words[index])) index += 1;
  if (PACKAGE_MANAGERS.has(words[index]) && index < words.length - 1) {
    index += 1;
    if (SCRIPT_VERBS.has(words[index]) && index < words.length - 1) index += 1;
  }
  const word = words[index];
  if (!word) return null;
  const name = (word.split('/').pop() ?? '')
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 64)
    .replace(/[-.]+$/, '');
  return name === '' ? null : name;
}
