import type { ChatCompletionRequest, FakeChatReply } from '@patchbay/testing';
import type { CaseDefinition } from './case-definition';
import { ContextDependentPlayer, searchHits } from './context-dependent-player';
import { splitFixDiff } from './fix-diff';

const FIX_DIFF = [
  'diff --git a/src/equal.js b/src/equal.js',
  'index 1111111..2222222 100644',
  '--- a/src/equal.js',
  '+++ b/src/equal.js',
  '@@ -450,3 +450,3 @@ function equal(a, b) {',
  ' \tif (a.size !== b.size) return false;',
  '-\tfor (const key of a.keys()) if (!b.has(key)) return false;',
  '+\tfor (const key of a.keys()) if (!hasEqual(b, key)) return false;',
  ' \treturn true;',
  '',
].join('\n');

const definition = {
  id: 'example',
  fixFiles: ['src/equal.js'],
  targetTests: [{ name: 'Map keys by value', file: 'test/equal.js' }],
} as unknown as CaseDefinition;

const tool = (name: string) => ({ type: 'function' as const, function: { name, parameters: {} } });
const PLANNER_TOOLS = ['read_file', 'list_directory', 'search_files', 'localize', 'submit_plan'].map(tool);
const CODER_TOOLS = ['read_file', 'edit_file', 'create_file', 'apply_diff', 'run_command'].map(tool);
const LOCALIZED = [
  'test/equal.js — the test names Map',
  'src/util.js — matches "keys"',
  'src/equal.js — defines equal (1-900)',
].join('\n');

/** A page as read_file answers it. */
function page(path: string, start: number, end: number, total: number): string {
  const lines = Array.from({ length: end - start + 1 }, (_, i) => `${start + i}\tline ${start + i}`);
  return `${path} (lines ${start}-${end} of ${total})\n${lines.join('\n')}${end < total ? `\n[more: read_file with start=${end + 1} for the next page]` : ''}`;
}

/** A conversation: the assignment, then each earlier reply with the results the platform gave its calls. */
function request(
  tools: ChatCompletionRequest['tools'],
  assignment: string,
  turns: Array<{ reply: FakeChatReply; results: string[] }>,
): ChatCompletionRequest {
  const messages: ChatCompletionRequest['messages'] = [
    { role: 'system', content: 'rules' },
    { role: 'user', content: assignment },
  ];
  turns.forEach(({ reply, results }, turn) => {
    if (reply.kind !== 'tool_calls') throw new Error('only tool-call turns carry on a conversation');
    const ids = reply.toolCalls.map((_, index) => `call_${turn}_${index}`);
    messages.push({
      role: 'assistant',
      content: reply.content ?? null,
      tool_calls: reply.toolCalls.map((call, index) => ({
        id: ids[index],
        type: 'function',
        function: { name: call.name, arguments: JSON.stringify(call.arguments) },
      })),
    });
    results.forEach((result, index) => messages.push({ role: 'tool', tool_call_id: ids[index], content: result }));
  });
  return { model: 'stand-in', messages, tools };
}

const newPlayer = (window = 100_000) =>
  new ContextDependentPlayer(
    definition,
    { path: '', commit: '', fixDiff: FIX_DIFF, fixFileContents: new Map() },
    window,
    'stand-in',
  );

describe('the context-dependent stand-in model', () => {
  it('splits the fix into appliable files with the base lines each hunk changes', () => {
    expect(splitFixDiff(FIX_DIFF)).toEqual([
      { path: 'src/equal.js', diff: FIX_DIFF, hunks: [{ start: 450, end: 452 }] },
    ]);
  });

  it('as planner localizes, reads ranked source files page by page, and plans only the file where it saw the changed lines', () => {
    const player = newPlayer();
    const assignment = 'Task:\n<task>\nMaps compare keys by reference.\n</task>';
    const turns: Array<{ reply: FakeChatReply; results: string[] }> = [];
    const next = () => player.reply(request(PLANNER_TOOLS, assignment, turns));

    const localize = next();
    expect(localize).toMatchObject({
      kind: 'tool_calls',
      toolCalls: [{ name: 'localize', arguments: { query: 'Maps compare keys by reference.' } }],
    });
    turns.push({ reply: localize, results: [LOCALIZED] });
    // The test file is skipped; util.js is short and read whole, then equal.js a page at a time.
    const util = next();
    expect(util).toMatchObject({ toolCalls: [{ name: 'read_file', arguments: { path: 'src/util.js' } }] });
    turns.push({ reply: util, results: [page('src/util.js', 1, 40, 40)] });
    const firstPage = next();
    expect(firstPage).toMatchObject({ toolCalls: [{ name: 'read_file', arguments: { path: 'src/equal.js' } }] });
    turns.push({ reply: firstPage, results: [page('src/equal.js', 1, 400, 900)] });
    const secondPage = next();
    expect(secondPage).toMatchObject({
      toolCalls: [{ name: 'read_file', arguments: { path: 'src/equal.js', start: 401 } }],
    });
    turns.push({ reply: secondPage, results: [page('src/equal.js', 401, 800, 900)] });

    const plan = next();
    expect(plan).toMatchObject({
      kind: 'tool_calls',
      content: 'Noted: the reported bug is in src/equal.js at lines 450-452.',
      toolCalls: [
        {
          name: 'submit_plan',
          arguments: {
            steps: [{ files: ['src/equal.js'], detail: 'The faulty code is at lines 450-452.' }],
            targetTests: definition.targetTests,
          },
        },
      ],
    });
    expect(player.log).toMatchObject({
      localized: ['test/equal.js', 'src/util.js', 'src/equal.js'],
      plannerReads: ['src/util.js', 'src/equal.js'],
      planned: ['src/equal.js'],
    });
  });

  it('as planner greps for a quoted message from the task and reads around the hit first; its notes survive elided tool results', () => {
    const player = newPlayer();
    const assignment = 'Task:\n<task>\nThe "keys compared by reference" error is wrong.\n</task>';
    const turns: Array<{ reply: FakeChatReply; results: string[] }> = [];
    const next = () => player.reply(request(PLANNER_TOOLS, assignment, turns));
    const localize = next();
    turns.push({ reply: localize, results: [LOCALIZED] });
    const search = next();
    expect(search).toMatchObject({
      content: 'Candidates: src/util.js, src/equal.js',
      toolCalls: [{ name: 'search_files', arguments: { pattern: 'keys compared by reference' } }],
    });
    turns.push({
      reply: search,
      results: [
        'test/equal.js:3: // keys compared by reference\nsrc/equal.js:455: throw new Error("keys compared by reference")',
      ],
    });
    const lead = next();
    expect(lead).toMatchObject({
      content: 'Leads: src/equal.js:455',
      toolCalls: [{ name: 'read_file', arguments: { path: 'src/equal.js', start: 415 } }],
    });
    turns.push({ reply: lead, results: [page('src/equal.js', 415, 814, 900)] });
    // The platform elided the localize and search results; the notes in its own turns still say what it learnt.
    turns[0].results = ['[elided]'];
    turns[1].results = ['[elided]'];
    const after = next();
    expect(after).toMatchObject({
      content: 'Noted: the reported bug is in src/equal.js at lines 450-452.',
      toolCalls: [{ name: 'read_file', arguments: { path: 'src/util.js' } }],
    });
  });

  it('as planner plans an investigation, naming no fix file, when it never saw the changed lines', () => {
    const player = newPlayer();
    const assignment = 'Task:\n<task>\nMaps compare keys by reference.\n</task>';
    const localize: FakeChatReply = {
      kind: 'tool_calls',
      toolCalls: [{ name: 'localize', arguments: { query: 'x' } }],
    };
    const plan = player.reply(
      request(PLANNER_TOOLS, assignment, [
        { reply: localize, results: ['src/util.js — matches "keys"'] },
        {
          reply: { kind: 'tool_calls', toolCalls: [{ name: 'read_file', arguments: { path: 'src/util.js' } }] },
          results: [page('src/util.js', 1, 40, 40)],
        },
      ]),
    );
    expect(plan).toMatchObject({
      toolCalls: [
        {
          name: 'submit_plan',
          arguments: { steps: [{ title: 'Investigate the reported behaviour', files: ['src/util.js'] }] },
        },
      ],
    });
    expect(player.log.planned).toEqual([]);
  });

  it('as coder reads the planned lines before it applies the fix, and applies nothing the plan does not name', () => {
    const player = newPlayer();
    const planned =
      'Approved plan — Fix it\n1. Fix the reported bug in src/equal.js\n   The faulty code is at lines 450-452.\n   files: src/equal.js';
    const read = player.reply(request(CODER_TOOLS, planned, []));
    expect(read).toMatchObject({
      toolCalls: [{ name: 'read_file', arguments: { path: 'src/equal.js', start: 440, end: 462 } }],
    });
    const apply = player.reply(
      request(CODER_TOOLS, planned, [{ reply: read, results: [page('src/equal.js', 440, 462, 900)] }]),
    );
    expect(apply).toEqual({ kind: 'tool_calls', toolCalls: [{ name: 'apply_diff', arguments: { diff: FIX_DIFF } }] });
    expect(player.log.applied).toEqual(['src/equal.js']);

    const elsewhere = newPlayer();
    expect(
      elsewhere.reply(request(CODER_TOOLS, 'Approved plan — Look\n1. Investigate\n   files: src/util.js', [])),
    ).toMatchObject({ kind: 'text' });
    expect(elsewhere.log.applied).toEqual([]);
  });

  it('reads search hits only from whole result lines, not from a line the platform cut in the middle', () => {
    expect(
      searchHits(
        'lib/a.js:12: const a = 1;\n… [724 characters cut from the middle] …\n   assert(x);\ntest/b.js:3: b\nsrc/c d.js:4: no',
      ),
    ).toEqual(['lib/a.js:12', 'test/b.js:3']);
  });

  it('counts requests larger than the configured window', () => {
    const player = newPlayer(200);
    player.reply(request(CODER_TOOLS, 'x'.repeat(10), []));
    player.reply(request(CODER_TOOLS, 'a long assignment '.repeat(100), []));
    expect(player.log).toMatchObject({ requests: 2, requestsOverWindow: 1 });
    expect(player.log.maxRequestTokens).toBeGreaterThan(200);
  });
});
