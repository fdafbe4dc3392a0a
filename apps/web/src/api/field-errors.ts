/**
 * The gateway reports bad input as `"prompt: prompt must not be empty; constraints.maxFilesChanged: …"`:
 * a field path before each colon. Splitting it lets a form show each message at its field; whatever
 * names no known field (or `body`) stays for the banner.
 */
export interface FieldErrors {
  fields: Record<string, string>;
  general: string[];
}

export function mapErrorToFields(message: string, knownFields: readonly string[]): FieldErrors {
  const result: FieldErrors = { fields: {}, general: [] };
  for (const part of message.split('; ').map((p) => p.trim()).filter((p) => p.length > 0)) {
    const match = /^([A-Za-z_][\w.]*):\s(.+)$/.exec(part);
    const path = match?.[1];
    const text = match?.[2];
    const field = path ? matchField(path, knownFields) : undefined;
    if (field && text) {
      result.fields[field] = result.fields[field] ? `${result.fields[field]}; ${text}` : text;
    } else {
      result.general.push(part);
    }
  }
  return result;
}

/** `constraints.avoidFiles.3` belongs to the field `constraints.avoidFiles`: the longest known prefix wins. */
function matchField(path: string, knownFields: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const field of knownFields) {
    if ((path === field || path.startsWith(`${field}.`)) && (!best || field.length > best.length)) best = field;
  }
  return best;
}
