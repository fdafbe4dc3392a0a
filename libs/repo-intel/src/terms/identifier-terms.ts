import { forEachCount, type CountTable } from './count-table';

/**
 * Turns identifiers and prose into retrieval terms. Code names its concepts inside identifiers
 * (`getFileSummary`, `parse_http_header`), so a query word only meets the code once identifiers
 * are split into their parts; a light suffix stemmer then lets "validates" meet `validate`.
 */

const WORD = /[A-Za-z_][A-Za-z0-9_]*/g;
const PART = /[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+/g;

/** English and programming-language words that say nothing about where a change belongs. */
export const STOPWORDS = new Set(
  (
    'a an and are as at be been but by can could did do does doing done for from had has have if in into is it its ' +
    'may might must no not of on once only or our out over own same should so some such than that the their them then ' +
    'there these they this those through to too under until up very was we were what when where which while who why will ' +
    'with would you your also all any both each few more most other new now just via per after before about above again ' +
    'const let var function return import export default class def self public private protected static void null undefined ' +
    'true false none nil else elif try catch finally throw throws async await yield require module exports package interface ' +
    'type extends implements string number boolean int float bool str any unknown object new'
  ).split(' '),
);

/** Words of a text, case preserved: the raw material both for split terms and for plain BM25. */
export function countWords(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of text.match(WORD) ?? []) {
    if (word.length < 2 || word.length > 64) continue;
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}

/** Lower-cased parts of one identifier: `getHTTPResponse_code` → get, http, response, code. */
export function splitIdentifier(identifier: string): string[] {
  const parts: string[] = [];
  for (const chunk of identifier.split(/[^A-Za-z0-9]+/)) {
    for (const part of chunk.match(PART) ?? []) parts.push(part.toLowerCase());
  }
  return parts;
}

/**
 * Retrieval terms of one word: its parts, stemmed, without stopwords, plus the whole
 * identifier when it has several parts (so an exact identifier in a query scores higher).
 */
export function termsOfWord(word: string): string[] {
  const raw = splitIdentifier(word);
  const parts = raw.filter((p) => p.length > 1 && !STOPWORDS.has(p)).map(stem);
  if (raw.length > 1) parts.push(word.toLowerCase().replace(/[^a-z0-9]/g, ''));
  return parts;
}

/** Retrieval terms of free text (a query, a comment). */
export function termsOfText(text: string): string[] {
  const terms: string[] = [];
  for (const match of text.matchAll(WORD)) terms.push(...termsOfWord(match[0]));
  return terms;
}

/** Adds the retrieval terms of a word-count table to a term-count table. */
export function addWordTerms(words: CountTable, into: Map<string, number>, cache: Map<string, string[]>): void {
  forEachCount(words, (word, count) => {
    let terms = cache.get(word);
    if (!terms) {
      terms = termsOfWord(word);
      cache.set(word, terms);
    }
    for (const term of terms) into.set(term, (into.get(term) ?? 0) + count);
  });
}

/**
 * A deliberately small suffix stemmer (plural, -ing, -ed, -er, -ly, -ation): enough to join
 * inflections of the same word without Porter's over-stemming of code words like `process`.
 */
export function stem(term: string): string {
  if (term.length <= 4 || /\d/.test(term)) return term;
  const stripped = stripSuffix(term);
  // A final e is dropped last, so "validate", "validates", "validated" and "validation" meet.
  return stripped.length > 4 && stripped.endsWith('e') ? stripped.slice(0, -1) : stripped;
}

function stripSuffix(term: string): string {
  if (term.endsWith('ies') && term.length > 5) return `${term.slice(0, -3)}y`;
  if (term.endsWith('sses')) return term.slice(0, -2);
  if (term.endsWith('ations')) return term.slice(0, -4);
  if (term.endsWith('ation')) return term.slice(0, -3);
  if (term.endsWith('ing') && term.length > 5) return trimDouble(term.slice(0, -3));
  if (term.endsWith('ed') && term.length > 5) return trimDouble(term.slice(0, -2));
  if (term.endsWith('ers') && term.length > 5) return term.slice(0, -3);
  if (term.endsWith('er') && term.length > 5) return term.slice(0, -2);
  if (term.endsWith('ly') && term.length > 5) return term.slice(0, -2);
  if (/(ch|sh|x|z)es$/.test(term)) return term.slice(0, -2);
  if (term.endsWith('s') && !term.endsWith('ss') && !term.endsWith('us') && !term.endsWith('is'))
    return term.slice(0, -1);
  return term;
}

function trimDouble(term: string): string {
  // "running" → "runn" → "run"; "validat" keeps its t.
  return /([^aeiouls])\1$/.test(term) ? term.slice(0, -1) : term;
}
