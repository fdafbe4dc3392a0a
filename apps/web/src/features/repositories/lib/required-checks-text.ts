import type { RequiredCheck } from '@patchbay/contracts';

/** The settings form's text for required checks: one `name: command` per line. */
export function requiredChecksToText(checks: readonly RequiredCheck[] | null): string {
  return (checks ?? []).map((check) => `${check.name}: ${check.command}`).join('\n');
}

/**
 * The form's text back as settings. Blank text is `null` — the repository's `.patchbay.yml`
 * decides — rather than "no checks": a field left empty should not silently override the file.
 * A line without `name:` is kept as written so the server's 400 names what is wrong with it.
 */
export function textToRequiredChecks(text: string): RequiredCheck[] | null {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines.length === 0) return null;
  return lines.map((line) => {
    const colon = line.indexOf(':');
    return colon === -1
      ? { name: line, command: '' }
      : { name: line.slice(0, colon).trim(), command: line.slice(colon + 1).trim() };
  });
}
