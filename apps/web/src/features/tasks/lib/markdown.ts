/**
 * A small Markdown reader for pull request descriptions: headings, paragraphs, lists, tables,
 * fenced code, quotes, rules, and inline code, emphasis and links. It yields a tree, never HTML,
 * so the view renders text nodes through React and nothing in a description (which quotes test
 * names and file names from the repository) can inject markup. Raw HTML stays visible as text.
 */

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'emphasis'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] };

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[] }
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Inline[][] }
  | { kind: 'table'; header: Inline[][]; rows: Inline[][][] }
  | { kind: 'code'; language: string | null; text: string }
  | { kind: 'quote'; children: Inline[] }
  | { kind: 'rule' };

/** Only these link targets are followed; `javascript:` and friends stay plain text. */
export function safeHref(href: string): string | null {
  const trimmed = href.trim();
  if (/^https?:\/\//i.test(trimmed) || /^mailto:/i.test(trimmed)) return trimmed;
  // Dashboard-relative paths (the local forge's pull request links), but not protocol-relative ones.
  if (trimmed.startsWith('/') && !trimmed.startsWith('//')) return trimmed;
  if (trimmed.startsWith('#')) return trimmed;
  return null;
}

const INLINE_PATTERN =
  /(`+)([\s\S]*?[^`])\1(?!`)|\*\*([\s\S]+?)\*\*|__([\s\S]+?)__|\*([^*\s][^*]*?)\*|(?<![A-Za-z0-9])_([^_\s][^_]*?)_(?![A-Za-z0-9])|\[([^\]]+)\]\(([^)\s]+)\)|\\([\\`*_[\]()#|>~-])/g;

export function parseInline(source: string): Inline[] {
  const out: Inline[] = [];
  const pushText = (text: string) => {
    if (!text) return;
    const last = out.at(-1);
    if (last?.kind === 'text') last.text += text;
    else out.push({ kind: 'text', text });
  };
  let position = 0;
  for (const match of source.matchAll(INLINE_PATTERN)) {
    const index = match.index ?? 0;
    pushText(source.slice(position, index));
    position = index + match[0].length;
    const [, , code, strongStars, strongUnderscores, emStar, emUnderscore, linkText, linkHref, escaped] = match;
    if (code !== undefined) out.push({ kind: 'code', text: code.replace(/^ (.*) $/, '$1') });
    else if (strongStars !== undefined || strongUnderscores !== undefined)
      out.push({ kind: 'strong', children: parseInline(strongStars ?? strongUnderscores ?? '') });
    else if (emStar !== undefined || emUnderscore !== undefined)
      out.push({ kind: 'emphasis', children: parseInline(emStar ?? emUnderscore ?? '') });
    else if (linkText !== undefined && linkHref !== undefined) {
      const href = safeHref(linkHref);
      if (href) out.push({ kind: 'link', href, children: parseInline(linkText) });
      else pushText(match[0]);
    } else if (escaped !== undefined) pushText(escaped);
    else pushText(match[0]);
  }
  pushText(source.slice(position));
  return out;
}

/** Table cells, honouring `\|` as a literal pipe (the PR body escapes test names so). */
function splitRow(line: string): string[] {
  const trimmed = line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  const cells: string[] = [];
  let current = '';
  for (let index = 0; index < trimmed.length; index += 1) {
    const char = trimmed[index];
    if (char === '\\' && trimmed[index + 1] === '|') {
      current += '\\|';
      index += 1;
    } else if (char === '|') {
      cells.push(current.trim());
      current = '';
    } else current += char;
  }
  cells.push(current.trim());
  return cells;
}

const isTableDelimiter = (line: string) =>
  /^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$/.test(line) && line.includes('-');
const LIST_ITEM = /^\s*([-*+]|(\d{1,9})[.)])\s+(.*)$/;

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? '';
    if (line.trim() === '') {
      index += 1;
      continue;
    }
    // A comment line is a marker for machines (the spoken summary's anchor), hidden as forges hide it.
    if (/^\s*<!--[\s\S]*-->\s*$/.test(line)) {
      index += 1;
      continue;
    }
    const fence = /^\s*(```+|~~~+)\s*([\w+-]*)\s*$/.exec(line);
    if (fence) {
      const marker = fence[1] ?? '```';
      const body: string[] = [];
      index += 1;
      while (index < lines.length && !(lines[index] ?? '').trim().startsWith(marker)) body.push(lines[index++] ?? '');
      index += 1; // the closing fence (or the end of an unclosed block)
      blocks.push({ kind: 'code', language: fence[2] || null, text: body.join('\n') });
      continue;
    }
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      blocks.push({
        kind: 'heading',
        level: (heading[1]?.length ?? 1) as 1 | 2 | 3 | 4 | 5 | 6,
        children: parseInline(heading[2] ?? ''),
      });
      index += 1;
      continue;
    }
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      blocks.push({ kind: 'rule' });
      index += 1;
      continue;
    }
    if (line.includes('|') && isTableDelimiter(lines[index + 1] ?? '')) {
      const header = splitRow(line).map(parseInline);
      const rows: Inline[][][] = [];
      index += 2;
      while (index < lines.length && (lines[index] ?? '').includes('|') && (lines[index] ?? '').trim() !== '')
        rows.push(splitRow(lines[index++] ?? '').map(parseInline));
      blocks.push({ kind: 'table', header, rows });
      continue;
    }
    if (/^\s*>/.test(line)) {
      const quoted: string[] = [];
      while (index < lines.length && /^\s*>/.test(lines[index] ?? ''))
        quoted.push((lines[index++] ?? '').replace(/^\s*>\s?/, ''));
      blocks.push({ kind: 'quote', children: parseInline(quoted.join('\n')) });
      continue;
    }
    const first = LIST_ITEM.exec(line);
    if (first) {
      const ordered = first[2] !== undefined;
      const items: Inline[][] = [];
      while (index < lines.length) {
        const item = LIST_ITEM.exec(lines[index] ?? '');
        if (!item || (item[2] !== undefined) !== ordered) break;
        let text = item[3] ?? '';
        index += 1;
        // Indented continuation lines belong to the item.
        while (index < lines.length && /^\s{2,}\S/.test(lines[index] ?? '') && !LIST_ITEM.test(lines[index] ?? ''))
          text += ` ${(lines[index++] ?? '').trim()}`;
        items.push(parseInline(text));
      }
      blocks.push({ kind: 'list', ordered, start: ordered ? Number(first[2]) : 1, items });
      continue;
    }
    const paragraph: string[] = [];
    while (index < lines.length) {
      const next = lines[index] ?? '';
      if (
        next.trim() === '' ||
        /^\s*<!--[\s\S]*-->\s*$/.test(next) ||
        /^\s{0,3}#{1,6}\s/.test(next) ||
        /^\s*(```|~~~)/.test(next) ||
        /^\s*>/.test(next) ||
        LIST_ITEM.test(next)
      )
        break;
      if (paragraph.length > 0 && next.includes('|') && isTableDelimiter(lines[index + 1] ?? '')) break;
      paragraph.push(next.trim());
      index += 1;
    }
    blocks.push({ kind: 'paragraph', children: parseInline(paragraph.join('\n')) });
  }
  return blocks;
}
