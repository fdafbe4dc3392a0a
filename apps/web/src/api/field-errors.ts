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
  for (const part of message
    .split('; ')
    .map((p) => p.trim())
    .filter((p) => p.length > 0)) {
    const match = /^([A-Za-z_][\w.]*):\s(.+)$/.exec(part);
    const path = match?.[1];
    const text = match?.[2];
    const field = path ? matchField(path, knownFields) : undefined;
    if (field && text) {
      const friendly = friendlyValidationMessage(text);
      result.fields[field] = result.fields[field] ? `${result.fields[field]}; ${friendly}` : friendly;
    } else {
      result.general.push(path && text ? `${path}: ${friendlyValidationMessage(text)}` : part);
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

const plural = (count: string, noun: string) => `${count} ${noun}${count === '1' ? '' : 's'}`;

/**
 * zod's built-in messages, which the gateway passes on when a schema has no message of its own
 * ("Too small: expected string to have >=1 characters"), in words a form can show at its field.
 * The schema's own messages ("prompt must not be empty") and anything unknown pass unchanged.
 */
const FRIENDLY: ReadonlyArray<[RegExp, (...groups: string[]) => string]> = [
  [/^Invalid input: expected \w+, received undefined$/, () => 'Required.'],
  [/^Too small: expected string to have >=1 characters?$/, () => 'Required.'],
  [/^Too small: expected string to have >=(\d+) characters?$/, (n) => `Use at least ${plural(n, 'character')}.`],
  [/^Too big: expected string to have <=(\d+) characters?$/, (n) => `Use at most ${plural(n, 'character')}.`],
  [/^Too small: expected number to be >=(\S+)$/, (n) => `Must be at least ${n}.`],
  [/^Too small: expected number to be >(\S+)$/, (n) => `Must be more than ${n}.`],
  [/^Too big: expected number to be <=(\S+)$/, (n) => `Must be at most ${n}.`],
  [/^Too big: expected number to be <(\S+)$/, (n) => `Must be less than ${n}.`],
  [/^Too small: expected array to have >=(\d+) items?$/, (n) => `Add at least ${n}.`],
  [/^Too big: expected array to have <=(\d+) items?$/, (n) => `At most ${n} allowed.`],
  [/^Invalid input: expected int, received number$/, () => 'Enter a whole number.'],
  [/^Invalid input: expected number, received \w+$/, () => 'Enter a number.'],
  [/^Invalid input: expected boolean, received \w+$/, () => 'Choose yes or no.'],
  [/^Invalid input: expected string, received \w+$/, () => 'Enter text.'],
  [/^Invalid URL$/, () => 'Enter a full URL, such as https://example.com.'],
  [/^Invalid UUID$/i, () => 'Not a valid id.'],
  [/^Invalid ISO datetime$/, () => 'Enter a date and time.'],
  [
    /^Invalid option: expected one of (.+)$/,
    (options) =>
      `Choose one of: ${options
        .split('|')
        .map((option) => option.replace(/^"|"$/g, ''))
        .join(', ')}.`,
  ],
];

export function friendlyValidationMessage(text: string): string {
  for (const [pattern, describe] of FRIENDLY) {
    const match = pattern.exec(text);
    if (match) return describe(...match.slice(1));
  }
  return text;
}
