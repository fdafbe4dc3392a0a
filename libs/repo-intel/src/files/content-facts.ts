import type { ExclusionReason } from './path-exclusion';

/** What the index learns from a blob's bytes before deciding to parse it. */
export interface ContentFacts {
  lines: number;
  /** Set when the content shows the file is not hand-written source. */
  exclusion: ExclusionReason | null;
}

// Git's own heuristic: a NUL byte in the first 8000 bytes means binary.
const BINARY_PROBE_BYTES = 8_000;
// Hand-written code rarely has lines this long; bundlers and minifiers produce them routinely.
const MINIFIED_MAX_LINE = 1_000;
const MINIFIED_AVERAGE_LINE = 300;
// Markers that code generators put in a file's first lines (Go's convention is a standard:
// "Code generated ... DO NOT EDIT.").
const GENERATED_HEADER =
  /(@generated\b|\bCode generated\b.*\bDO NOT EDIT\b|\bDO NOT EDIT\b|\bauto-?generated\b|\bautomatically generated\b|\bThis file was generated\b)/i;
const HEADER_LINES = 5;

/** Facts about a blob; `text` is its UTF-8 decoding, present unless the blob is binary. */
export function contentFacts(content: Buffer, maxFileBytes: number): ContentFacts & { text: string | null } {
  const probe = content.subarray(0, BINARY_PROBE_BYTES);
  if (probe.includes(0)) return { lines: 0, exclusion: 'binary', text: null };
  const text = content.toString('utf8');
  const lines = countLines(text);
  if (content.length > maxFileBytes) return { lines, exclusion: 'too-large', text };
  return { lines, exclusion: minifiedOrGenerated(text, lines), text };
}

function countLines(text: string): number {
  if (text.length === 0) return 0;
  let count = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < text.length - 1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

function minifiedOrGenerated(text: string, lines: number): ExclusionReason | null {
  if (text.length > 2_000 && text.length / Math.max(1, lines) > MINIFIED_AVERAGE_LINE) return 'minified';
  let longLines = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    // One long line (a data URL, a long string) is normal; several in a file suggest a bundle.
    if (end - start > MINIFIED_MAX_LINE && ++longLines >= 3) return 'minified';
    start = end + 1;
  }
  if (longLines > 0 && lines <= 3 && text.length > 2_000) return 'minified';
  const header = text.split('\n', HEADER_LINES).join('\n');
  if (GENERATED_HEADER.test(header)) return 'generated';
  return null;
}
