/**
 * Command output keeps its ANSI colour codes (SGR). This turns them into text segments with
 * Tailwind classes that React renders as spans: the text is never parsed as HTML, so output that
 * contains markup shows as text. Codes other than colours and bold (cursor moves, OSC titles)
 * are dropped, since a log line cannot honour them.
 */
export interface AnsiSegment {
  text: string;
  /** Tailwind classes for the segment's colours and weight; '' for plain text. */
  className: string;
}

interface Style {
  fg: string | null;
  bg: string | null;
  bold: boolean;
  dim: boolean;
  underline: boolean;
}

const FOREGROUND = [
  'text-slate-500',
  'text-rose-400',
  'text-emerald-400',
  'text-amber-300',
  'text-sky-400',
  'text-fuchsia-400',
  'text-cyan-300',
  'text-slate-200',
];
const BRIGHT_FOREGROUND = [
  'text-slate-400',
  'text-rose-300',
  'text-emerald-300',
  'text-amber-200',
  'text-sky-300',
  'text-fuchsia-300',
  'text-cyan-200',
  'text-white',
];
const BACKGROUND = [
  'bg-slate-800',
  'bg-rose-900',
  'bg-emerald-900',
  'bg-amber-900',
  'bg-sky-900',
  'bg-fuchsia-900',
  'bg-cyan-900',
  'bg-slate-600',
];

/** CSI sequences (ESC [ … final byte) and OSC sequences (ESC ] … BEL or ESC \). */
// eslint-disable-next-line no-control-regex -- escape sequences are what this parses
const ESCAPE = /\u001b\[([0-9;?]*)([@-~])|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

const PLAIN: Style = { fg: null, bg: null, bold: false, dim: false, underline: false };

function classOf(style: Style): string {
  return [
    style.fg,
    style.bg,
    style.bold ? 'font-bold' : null,
    style.dim ? 'opacity-70' : null,
    style.underline ? 'underline' : null,
  ]
    .filter(Boolean)
    .join(' ');
}

function applySgr(style: Style, parameters: string): Style {
  const codes = parameters === '' ? [0] : parameters.split(';').map((part) => (part === '' ? 0 : Number(part)));
  let next = { ...style };
  for (let index = 0; index < codes.length; index += 1) {
    const code = codes[index] ?? 0;
    if (code === 0) next = { ...PLAIN };
    else if (code === 1) next.bold = true;
    else if (code === 2) next.dim = true;
    else if (code === 4) next.underline = true;
    else if (code === 22) next = { ...next, bold: false, dim: false };
    else if (code === 24) next.underline = false;
    else if (code >= 30 && code <= 37) next.fg = FOREGROUND[code - 30] ?? null;
    else if (code === 39) next.fg = null;
    else if (code >= 40 && code <= 47) next.bg = BACKGROUND[code - 40] ?? null;
    else if (code === 49) next.bg = null;
    else if (code >= 90 && code <= 97) next.fg = BRIGHT_FOREGROUND[code - 90] ?? null;
    else if (code === 38 || code === 48) {
      // 256-colour and true-colour forms: mapped to the nearest basic colour would be guesswork,
      // so their parameters are skipped and the text keeps the current colour.
      index += codes[index + 1] === 5 ? 2 : codes[index + 1] === 2 ? 4 : 1;
    }
  }
  return next;
}

export function ansiSegments(input: string): AnsiSegment[] {
  const segments: AnsiSegment[] = [];
  let style: Style = { ...PLAIN };
  let last = 0;
  const push = (text: string) => {
    if (text === '') return;
    const className = classOf(style);
    const previous = segments[segments.length - 1];
    if (previous && previous.className === className) previous.text += text;
    else segments.push({ text, className });
  };
  for (const match of input.matchAll(ESCAPE)) {
    push(input.slice(last, match.index));
    last = match.index + match[0].length;
    if (match[2] === 'm') style = applySgr(style, match[1] ?? '');
  }
  push(input.slice(last));
  return segments;
}
