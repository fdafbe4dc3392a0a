/** What the spoken summary says, gathered from the finished task. */
export interface SpokenSummaryInput {
  repositoryName: string;
  /** The approved plan's summary, or the prompt when there was no plan. */
  change: string;
  /** Paths the diff touches. */
  files: readonly string[];
  testsBefore: { passed: number; failed: number } | null;
  testsAfter: { passed: number; failed: number } | null;
  pullRequest: { number: number; branch: string; followUp: boolean } | null;
}

/** How much of the change's description is read out: one or two sentences. */
const MAX_CHANGE_CHARACTERS = 240;
/** Files named one by one; the rest are counted. */
const MAX_FILES_NAMED = 3;

/**
 * A short summary written to be heard, not read: whole sentences, no Markdown, no URLs or hashes
 * (a voice reading them out helps nobody), counts with their nouns, at most a few files named.
 */
export function spokenSummary(input: SpokenSummaryInput): string {
  const sentences = [`Patchbay finished a task on ${speakable(input.repositoryName)}.`];
  const change = sentence(shorten(speakable(input.change), MAX_CHANGE_CHARACTERS));
  if (change) sentences.push(`What changed: ${change}`);
  if (input.files.length > 0) {
    const named = input.files.slice(0, MAX_FILES_NAMED).map(speakable);
    const rest = input.files.length - named.length;
    const list = rest > 0 ? `${named.join(', ')} and ${count(rest, 'other file')}` : joinAnd(named);
    sentences.push(`${capitalise(count(input.files.length, 'file'))} changed: ${list}.`);
  }
  if (input.testsAfter) {
    const after = `${count(input.testsAfter.passed, 'test')} passed and ${amount(input.testsAfter.failed)} failed`;
    sentences.push(
      input.testsBefore
        ? `Tests: before the change, ${count(input.testsBefore.passed, 'test')} passed and ${amount(input.testsBefore.failed)} failed; after it, ${after}.`
        : `Tests: after the change, ${after}.`,
    );
  } else {
    sentences.push('No tests were run.');
  }
  if (input.pullRequest) {
    sentences.push(
      input.pullRequest.followUp
        ? `The change was pushed to pull request number ${input.pullRequest.number}.`
        : `Pull request number ${input.pullRequest.number} is open for review.`,
    );
  }
  return sentences.join(' ');
}

function count(n: number, noun: string): string {
  if (n === 0) return `no ${noun}s`;
  return n === 1 ? `one ${noun}` : `${n} ${noun}s`;
}

function amount(n: number): string {
  if (n === 0) return 'none';
  return n === 1 ? 'one' : String(n);
}

function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

/** Drops what a voice would read out as noise: Markdown marks, links, long hex runs, repeated spaces. */
function speakable(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/https?:\/\/\S+/g, 'a link')
    .replace(/\b[0-9a-f]{12,}\b/gi, '')
    .replace(/[`*_#>|~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf(' '));
  return `${cut.slice(0, end > max / 2 ? end : max).replace(/[.,;:]$/, '')}…`;
}

function sentence(text: string): string {
  if (!text) return '';
  const capital = capitalise(text);
  return /[.!?…]$/.test(capital) ? capital : `${capital}.`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
