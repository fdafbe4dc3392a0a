import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AIMessage, AIMessageChunk, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { createReactAgent } from '@langchain/langgraph/prebuilt';
import { z } from 'zod';
import { createChatModel } from '../chat-model.factory';
import { describeModel } from '../describe-model';
import { ModelConfig, modelConfigSchema } from '../model-config';
import { ModelConfigurationError } from '../model-configuration.error';
import {
  InvalidModelScriptError,
  ModelScriptInput,
  ScriptedTurns,
  ScriptExhaustedError,
  ScriptNotForThisTaskError,
} from './scripted-turns';
import { InMemoryUsageSink } from '@patchbay/testing';

const submitPlan = tool(async () => 'plan recorded', {
  name: 'submit_plan',
  description: 'Submit the implementation plan',
  schema: z.object({ steps: z.array(z.string()) }),
});
const readFile = tool(async ({ path }) => `contents of ${path}`, {
  name: 'read_file',
  description: 'Read a file in the workspace',
  schema: z.object({ path: z.string() }),
});

const SCRIPT: ModelScriptInput = {
  label: 'fix the failing test',
  turns: [
    {
      role: 'planner',
      content: 'Here is my plan.',
      toolCalls: [{ name: 'submit_plan', args: { steps: ['Fix range()'] } }],
    },
    {
      role: 'coder',
      toolCalls: [{ name: 'read_file', args: { path: 'src/range.ts' } }],
      usage: { promptTokens: 900, completionTokens: 40 },
    },
    { role: 'coder', content: 'The fix is in place.' },
    { content: 'Summary: fixed an off-by-one in range().' },
  ],
};

const scriptedConfig = (env: Record<string, string> = {}): ModelConfig =>
  modelConfigSchema.parse({ MODEL_PROVIDER: 'scripted', ...env });

describe('the scripted provider', () => {
  it('replays tool calls as AIMessage.tool_calls with fresh ids, through bindTools', async () => {
    const model = createChatModel('planner', {
      config: scriptedConfig(),
      script: ScriptedTurns.from(SCRIPT),
    }).bindTools([submitPlan]);

    const answer = await model.invoke([new HumanMessage('Plan the fix')]);

    expect(AIMessage.isInstance(answer)).toBe(true);
    expect(answer.content).toBe('Here is my plan.');
    expect(answer.tool_calls).toEqual([
      { id: expect.stringMatching(/^call_/), name: 'submit_plan', args: { steps: ['Fix range()'] }, type: 'tool_call' },
    ]);
  });

  it('gives each role only its own turns, in order, and untagged turns to whoever asks next', async () => {
    const script = ScriptedTurns.from(SCRIPT);
    const coder = createChatModel('coder', { config: scriptedConfig(), script }).bindTools([readFile]);
    const planner = createChatModel('planner', { config: scriptedConfig(), script }).bindTools([submitPlan]);
    const summariser = createChatModel('summariser', { config: scriptedConfig(), script });

    const firstCoderTurn = await coder.invoke('Implement step 1');
    expect(firstCoderTurn.tool_calls?.[0]).toMatchObject({ name: 'read_file', args: { path: 'src/range.ts' } });
    expect((await planner.invoke('Plan')).tool_calls?.[0].name).toBe('submit_plan');
    expect((await coder.invoke('Continue')).content).toBe('The fix is in place.');
    expect((await summariser.invoke('Summarise')).content).toBe('Summary: fixed an off-by-one in range().');
    expect(script.remaining('coder')).toBe(0);
  });

  it('fails clearly once a role has no turn left', async () => {
    const script = ScriptedTurns.from({ label: 'one turn', turns: [{ role: 'coder', content: 'done' }] });
    const coder = createChatModel('coder', { config: scriptedConfig(), script });
    const planner = createChatModel('planner', { config: scriptedConfig(), script });

    await expect(planner.invoke('Plan')).rejects.toThrow(ScriptExhaustedError);
    await coder.invoke('Go');
    await expect(coder.invoke('Go again')).rejects.toThrow(
      'The scripted model "one turn" has no recorded turn left for the coder',
    );
    // A person must configure a model: no server path, and the fix in the message.
    await expect(coder.invoke('Go again')).rejects.toThrow(ModelConfigurationError);
    await expect(coder.invoke('Go again')).rejects.toThrow(/OPENAI_BASE_URL and OPENAI_API_KEY .*docs\/models\.md/);
  });

  it('answers only the task its recording was made for, and refuses any other prompt with how to configure a model', async () => {
    const script = ScriptedTurns.from({
      label: 'demo',
      prompts: ['Fix the failing  test'],
      turns: [
        { role: 'coder', content: 'done' },
        { role: 'summariser', content: 'summary' },
      ],
    });
    const coder = createChatModel('coder', { config: scriptedConfig(), script });
    const summariser = createChatModel('summariser', { config: scriptedConfig(), script });

    await expect(coder.invoke('Task:\n<task>\nAdd dark mode\n</task>')).rejects.toThrow(ScriptNotForThisTaskError);
    await expect(coder.invoke('Task:\n<task>\nAdd dark mode\n</task>')).rejects.toThrow(
      'No model is configured for this task: the scripted model "demo" only replays its recording of "Fix the failing  test". Set OPENAI_BASE_URL',
    );
    expect(script.remaining('coder')).toBe(1);
    expect((await coder.invoke('Task:\n<task>\nFix the failing test\n</task>')).content).toBe('done');
    // A request without a task block (a summary of earlier steps) is not judged.
    expect((await summariser.invoke('Summarise the conversation')).content).toBe('summary');
  });

  it('refuses a scripted call to a tool the agent did not offer, as a real model could not make it', async () => {
    const planner = createChatModel('planner', {
      config: scriptedConfig(),
      script: ScriptedTurns.from(SCRIPT),
    }).bindTools([readFile]);

    await expect(planner.invoke('Plan')).rejects.toThrow(
      'Scripted turn 1 of "fix the failing test" (inline script) calls "submit_plan", but the planner offered only: read_file',
    );
  });

  it('is labelled "scripted model", also once tools are bound', () => {
    const model = createChatModel('coder', { config: scriptedConfig(), script: ScriptedTurns.from(SCRIPT) });
    const expected = {
      provider: 'scripted',
      model: 'scripted',
      label: 'scripted model',
      scriptLabel: 'fix the failing test',
    };

    expect(describeModel(model)).toEqual(expected);
    expect(describeModel(model.bindTools([readFile]))).toEqual(expected);
    expect(() => describeModel({})).toThrow(/not created by createChatModel/);
  });

  it('records usage for every replayed turn at no cost', async () => {
    const usage = new InMemoryUsageSink();
    const script = ScriptedTurns.from(SCRIPT);
    const coder = createChatModel('coder', { config: scriptedConfig(), script, usage }).bindTools([readFile]);

    await coder.invoke('Go');
    await coder.invoke('Go on');

    expect(usage.records).toEqual([
      {
        role: 'coder',
        model: 'scripted',
        promptTokens: 900,
        completionTokens: 40,
        costUsd: 0,
        durationMs: expect.any(Number),
      },
      {
        role: 'coder',
        model: 'scripted',
        promptTokens: 0,
        completionTokens: 0,
        costUsd: 0,
        durationMs: expect.any(Number),
      },
    ]);
  });

  it('streams a replayed turn like any chat model', async () => {
    const coder = createChatModel('coder', { config: scriptedConfig(), script: ScriptedTurns.from(SCRIPT) }).bindTools([
      readFile,
    ]);

    const chunks: AIMessageChunk[] = [];
    for await (const chunk of await coder.stream('Go')) chunks.push(chunk);

    expect(chunks.reduce((sum, chunk) => sum.concat(chunk)).tool_calls?.[0]).toMatchObject({
      name: 'read_file',
      args: { path: 'src/range.ts' },
    });
  });

  it('drives a LangGraph ReAct agent through a tool round trip', async () => {
    const script = ScriptedTurns.from({
      label: 'react loop',
      turns: [
        { toolCalls: [{ name: 'read_file', args: { path: 'README.md' } }] },
        { content: 'The README describes the project.' },
      ],
    });
    const agent = createReactAgent({
      llm: createChatModel('coder', { config: scriptedConfig(), script }),
      tools: [readFile],
    });

    const result = await agent.invoke({ messages: [new HumanMessage('What does the README say?')] });

    const [, call, toolResult, final] = result.messages;
    expect(call.getType()).toBe('ai');
    expect(ToolMessage.isInstance(toolResult) && toolResult.content).toBe('contents of README.md');
    expect(ToolMessage.isInstance(toolResult) && toolResult.tool_call_id).toBe((call as AIMessage).tool_calls?.[0].id);
    expect(final.content).toBe('The README describes the project.');
  });
});

describe('the scripted provider from SCRIPTED_MODEL_FILE', () => {
  const directory = mkdtempSync(join(tmpdir(), 'patchbay-model-script-'));

  it('loads the file named by the configuration', async () => {
    const file = join(directory, 'script.json');
    writeFileSync(file, JSON.stringify(SCRIPT));
    const summariser = createChatModel('summariser', { config: scriptedConfig({ SCRIPTED_MODEL_FILE: file }) });

    expect((await summariser.invoke('Summarise')).content).toBe('Summary: fixed an off-by-one in range().');
  });

  it('names the file and the problem when the script is malformed', () => {
    const file = join(directory, 'broken.json');
    writeFileSync(file, JSON.stringify({ label: 'broken', turns: [{ role: 'tester', content: 'hi' }, {}] }));

    const create = (): unknown => createChatModel('coder', { config: scriptedConfig({ SCRIPTED_MODEL_FILE: file }) });

    expect(create).toThrow(InvalidModelScriptError);
    expect(create).toThrow(`The model script ${file} is invalid`);
    expect(create).toThrow(/turns\.0\.role/);
    expect(create).toThrow(/turns\.1.*a turn needs content or toolCalls/);
  });

  it('says which variable is missing when there is no script at all', () => {
    expect(() => createChatModel('coder', { config: scriptedConfig() })).toThrow(ModelConfigurationError);
    expect(() => createChatModel('coder', { config: scriptedConfig() })).toThrow(/SCRIPTED_MODEL_FILE/);
  });
});
