/** A piece of a large file, parsed on its own; its outline lines are shifted by `lineOffset`. */
export interface SourceChunk {
  text: string;
  lineOffset: number;
}

/**
 * Splits a file larger than `chunkChars` into pieces of at most about that size, cutting at a
 * line that starts a new top-level statement (no indentation, not a closing bracket) so that
 * most definitions stay whole. Keeps parser memory bounded for very large files; a definition
 * cut in two shows up as two partial entries in the outline.
 */
export function splitIntoChunks(text: string, chunkChars: number): SourceChunk[] {
  if (text.length <= chunkChars) return [{ text, lineOffset: 0 }];
  const chunks: SourceChunk[] = [];
  let start = 0;
  let lineOffset = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + chunkChars);
    if (end < text.length) end = cutPoint(text, start, end);
    const piece = text.slice(start, end);
    chunks.push({ text: piece, lineOffset });
    lineOffset += countNewlines(piece);
    start = end;
  }
  return chunks;
}

function cutPoint(text: string, start: number, limit: number): number {
  // Look back over the second half of the window for a top-level line start.
  const floor = start + Math.floor((limit - start) / 2);
  for (let i = text.lastIndexOf('\n', limit - 1); i > floor; i = text.lastIndexOf('\n', i - 1)) {
    const next = text[i + 1];
    if (next !== undefined && !/[\s})\]]/.test(next)) return i + 1;
  }
  const newline = text.lastIndexOf('\n', limit - 1);
  return newline > start ? newline + 1 : limit;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
