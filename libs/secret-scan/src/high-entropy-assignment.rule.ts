import { basename } from 'node:path';
import type { FileAdditions } from './added-lines.parser';
import { findingMessage } from './finding-message';
import { fingerprintSecret } from './secret-fingerprint';
import type { SecretFinding } from './secret-finding';
import { shannonEntropy } from './shannon-entropy';

export const HIGH_ENTROPY_RULE_ID = 'patchbay/high-entropy-assignment';

/**
 * Thresholds, measured on 20,000 random strings per shape (see docs/secret-scanning.md):
 * - hex values: at least 32 characters and 3.0 bits/char. Fewer than 1 in 1,000 random 32-character
 *   hex strings fall below 3.0 (their 0.1th percentile is 3.13); shorter hex (colours, short SHAs)
 *   is not a credential on its own.
 * - base64/alphanumeric values: at least 20 characters, upper case, lower case and a digit, and
 *   entropy of at least 0.83 × log2(length), capped at 4.5 bits/char. A string of n distinct
 *   characters has log2(n) bits/char, so a fixed cut-off would miss short random tokens and pass
 *   long ones; 0.83 keeps about 99% of random 20–40 character tokens while identifiers made of
 *   words (`libs/secret-scan/src/index`, `my_super_secret_password`) stay under it or lack a
 *   character class.
 */
export const ENTROPY_THRESHOLDS = {
  hexMinLength: 32,
  hexMinBitsPerChar: 3.0,
  base64MinLength: 20,
  base64RelativeBitsPerChar: 0.83,
  base64MaxRequiredBitsPerChar: 4.5,
  maxValueLength: 512,
} as const;

/** Lockfiles are machine-written and full of integrity hashes; secretlint's rules still scan them. */
export const ENTROPY_EXCLUDED_FILES: ReadonlySet<string> = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'Cargo.lock',
  'Gemfile.lock',
  'poetry.lock',
  'Pipfile.lock',
  'composer.lock',
  'go.sum',
  'flake.lock',
]);

/**
 * Name words that make an assignment worth checking. Only the value of a secret-named key is
 * tested: random-looking values under other names (hashes, ids, fixtures) are common in code and
 * a false positive aborts publishing.
 */
const SECRET_WORDS = new Set([
  'secret',
  'secrets',
  'token',
  'tokens',
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'credential',
  'credentials',
  'apikey',
  'authorization',
  'bearer',
]);
/** Secret-named only when last: `api_key`, `signingKey`, `KEY` — not `keyPath` or `keyboard`. */
const SECRET_LAST_WORDS = new Set(['key', 'auth', 'pat']);
/** Words that mark the value as public or as something that is not a credential. */
const NON_SECRET_WORDS = new Set([
  'public',
  'publishable',
  'sha',
  'hash',
  'digest',
  'checksum',
  'integrity',
  'commit',
  'etag',
  'id',
  'ids',
  'url',
  'uri',
  'path',
  'file',
  'dir',
  'name',
  'type',
  'length',
  'size',
  'count',
  'header',
  'prefix',
  'field',
  'label',
  'placeholder',
  'example',
  'pattern',
  'regex',
  'format',
  'version',
  'algorithm',
  'expires',
  'expiry',
  'ttl',
]);

/**
 * An operator (`=`, `:`, `:=`, `=>`) followed by a quoted value, or by a bare token that runs to
 * the end of the value (`.env`, YAML). Quantifiers are bounded, and `=` may only end a bare token
 * (base64 padding): were it allowed inside, a minified line of `=a=a=a…` would make every `=` an
 * operator that re-scans the next 512 characters — 3 s for a 1 MB line instead of milliseconds.
 */
const ASSIGNMENT =
  /(:=|=>|=|:)[ \t]{0,16}(?:(["'`])([^"'`\\\r\n]{16,512})\2|([A-Za-z0-9+/_.-]{16,512}={0,2})(?=[ \t]*(?:[,;#)}\]]|$)))/g;
/** Where the name of an assignment starts: the previous separator on the line. */
const NAME_BOUNDARY = /[,;{}()]/;
const IDENTIFIER = /[A-Za-z_$][A-Za-z0-9_$-]*/g;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SUBRESOURCE_INTEGRITY = /^sha(?:1|256|384|512)-/i;
const HEX = /^[0-9a-f]+$/i;
const BASE64ISH = /^[A-Za-z0-9+/=_.-]+$/;
/** Templates and `<…>` never pass the character checks; these catch placeholders that would. */
const PLACEHOLDER = /(.)\1{5,}|example|placeholder|changeme|redacted|dummy|your[_-]/i;
const AUTH_SCHEME = /^(?:bearer|basic|token)\s+(\S+)$/i;

export type EntropyValueShape = 'hex' | 'base64';

/** Returns the shape that makes `value` look like a random credential, or undefined. */
export function classifyHighEntropyValue(value: string): EntropyValueShape | undefined {
  if (value.length > ENTROPY_THRESHOLDS.maxValueLength) return undefined;
  if (UUID.test(value) || SUBRESOURCE_INTEGRITY.test(value) || PLACEHOLDER.test(value)) return undefined;
  const entropy = shannonEntropy(value);
  if (HEX.test(value)) {
    const mixed = /[0-9]/.test(value) && /[a-f]/i.test(value);
    return mixed && value.length >= ENTROPY_THRESHOLDS.hexMinLength && entropy >= ENTROPY_THRESHOLDS.hexMinBitsPerChar
      ? 'hex'
      : undefined;
  }
  if (!BASE64ISH.test(value) || value.length < ENTROPY_THRESHOLDS.base64MinLength) return undefined;
  if (!/[A-Z]/.test(value) || !/[a-z]/.test(value) || !/[0-9]/.test(value)) return undefined;
  const required = Math.min(
    ENTROPY_THRESHOLDS.base64MaxRequiredBitsPerChar,
    ENTROPY_THRESHOLDS.base64RelativeBitsPerChar * Math.log2(value.length),
  );
  return entropy >= required ? 'base64' : undefined;
}

/** `apiKey` → [api, key]; `GITHUB_TOKEN` → [github, token]; `x-api-key` → [x, api, key]. */
function nameWords(identifier: string): string[] {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

export function isSecretName(identifier: string): boolean {
  const words = nameWords(identifier);
  if (words.length === 0 || words.some((word) => NON_SECRET_WORDS.has(word))) return false;
  return words.some((word) => SECRET_WORDS.has(word)) || SECRET_LAST_WORDS.has(words[words.length - 1]);
}

/** The identifiers between the previous separator and the operator: `const apiKey: string =` → apiKey, string. */
function assignedNames(textBeforeOperator: string): string[] {
  let start = 0;
  for (let index = textBeforeOperator.length - 1; index >= 0; index -= 1) {
    if (NAME_BOUNDARY.test(textBeforeOperator[index])) {
      start = index + 1;
      break;
    }
  }
  return textBeforeOperator.slice(start).match(IDENTIFIER) ?? [];
}

/**
 * Flags added lines that assign a random-looking value to a secret-named key, the shape of
 * credentials no secretlint rule knows (`SIGNING_KEY=…`, `clientSecret: '…'`).
 */
export function findHighEntropyAssignments(file: FileAdditions): SecretFinding[] {
  if (ENTROPY_EXCLUDED_FILES.has(basename(file.path))) return [];
  const findings: SecretFinding[] = [];
  for (const { line, text } of file.lines) {
    for (const match of text.matchAll(ASSIGNMENT)) {
      const quoted = match[3];
      const value = quoted === undefined ? match[4] : (AUTH_SCHEME.exec(quoted)?.[1] ?? quoted);
      if (value === undefined) continue;
      const shape = classifyHighEntropyValue(value);
      if (!shape) continue;
      const names = assignedNames(text.slice(0, match.index));
      if (!names.some(isSecretName)) continue;
      findings.push({
        ruleId: HIGH_ENTROPY_RULE_ID,
        file: file.path,
        line,
        message: findingMessage(
          HIGH_ENTROPY_RULE_ID,
          `high-entropy ${shape} value assigned to a secret-named key`,
          file.path,
          line,
        ),
        fingerprint: fingerprintSecret(HIGH_ENTROPY_RULE_ID, file.path, value),
      });
    }
  }
  return findings;
}
