/**
 * Helpers for command output that goes to a model or a person: runners colour their output even
 * without a TTY, and a long log must fit a context window without losing its start (the error)
 * or its end (the summary).
 */

/** ESC [ … final byte (colours, cursor moves) and ESC ] … BEL/ST (titles, hyperlinks). */
const ANSI_SEQUENCE = new RegExp(
  `${String.fromCharCode(27)}(?:\\[[0-9;?]*[ -/]*[@-~]|\\][^${String.fromCharCode(7)}${String.fromCharCode(27)}]*(?:${String.fromCharCode(7)}|${String.fromCharCode(27)}\\\\))`,
  'g',
);

export function stripAnsi(text: string): string {
  return text.replace(ANSI_SEQUENCE, '');
}

/**
 * Keeps at most `maxChars` characters of `text`: its beginning and its end, with a note in place
 * of the middle saying how many characters were cut, so a reader knows the output is incomplete.
 */
export function trimMiddle(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const note = (cut: number) => `\n… [${cut} characters cut from the middle] …\n`;
  // The note's own length depends on the number it carries; the longest possible one bounds it.
  const keep = Math.max(0, maxChars - note(text.length).length);
  const head = avoidSplitPair(text, Math.ceil(keep / 2));
  const tailStart = avoidSplitPair(text, text.length - Math.floor(keep / 2));
  return `${text.slice(0, head)}${note(tailStart - head)}${text.slice(tailStart)}`;
}

/** Moves a cut point off the second half of a UTF-16 surrogate pair, so no character is split. */
function avoidSplitPair(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return index > 0 && index < text.length && code >= 0xdc00 && code <= 0xdfff ? index - 1 : index;
}
