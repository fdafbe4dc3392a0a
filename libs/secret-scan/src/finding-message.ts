/**
 * Paths come from the diff, which the coding agent shaped; control characters are escaped so a
 * crafted file name cannot forge extra lines in events or the audit log.
 */
export function printablePath(file: string): string {
  return Array.from(file, (character) => {
    const code = character.charCodeAt(0);
    return code < 0x20 || code === 0x7f ? `\\u${code.toString(16).padStart(4, '0')}` : character;
  }).join('');
}

/** The only message text a finding carries: which rule fired and where, never what it matched. */
export function findingMessage(ruleId: string, detail: string, file: string, line: number): string {
  return `${ruleId} (${detail}) flagged a possible secret at ${printablePath(file)}:${line}`;
}
