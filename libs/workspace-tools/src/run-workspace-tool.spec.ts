import { z } from 'zod';
import { runWorkspaceTool, toolCallRecord } from './run-workspace-tool';
import { ToolRefusal, type WorkspaceTool } from './workspace-tool';

const echo: WorkspaceTool = {
  name: 'echo',
  description: 'echo',
  schema: z.object({ text: z.string() }),
  run: async ({ text }) => `said ${String(text)}\nsecond line`,
};
const refusing: WorkspaceTool = {
  name: 'refuse',
  description: 'refuse',
  schema: z.object({}),
  run: async () => {
    throw new ToolRefusal('not allowed: src/secret.ts is on the avoid list');
  },
};

describe('runWorkspaceTool', () => {
  it('answers an unknown tool, invalid arguments and a refusal as errors the model can read', async () => {
    await expect(runWorkspaceTool([echo], 'edit_file', {})).resolves.toEqual({
      content: 'error: there is no tool named edit_file; the tools are echo',
      refused: true,
    });
    await expect(runWorkspaceTool([echo], 'echo', { text: 3 })).resolves.toMatchObject({
      content: expect.stringMatching(/^error: invalid arguments for echo: text: /),
      refused: true,
    });
    await expect(runWorkspaceTool([refusing], 'refuse', {})).resolves.toEqual({
      content: 'error: not allowed: src/secret.ts is on the avoid list',
      refused: true,
    });
    await expect(runWorkspaceTool([echo], 'echo', { text: 'hi' })).resolves.toEqual({
      content: 'said hi\nsecond line',
      refused: false,
    });
  });
});

describe('toolCallRecord', () => {
  it('shows what was looked at, gives written text only as its length, and keeps the first line of the result', () => {
    const record = toolCallRecord(
      'create_file',
      { path: 'src/aws.js', content: "const KEY = 'AKIAWYBCQPTR6FYPWBTX';" },
      { content: 'created src/aws.js (+1 -0)\nnote', refused: false },
    );
    expect(record).toEqual({
      tool: 'create_file',
      args: { path: 'src/aws.js', content: '(35 characters)' },
      result: 'created src/aws.js (+1 -0)',
      refused: false,
    });
    expect(
      JSON.stringify(
        toolCallRecord(
          'edit_file',
          { path: 'a', old: 'x', new: 'AKIAWYBCQPTR6FYPWBTX' },
          { content: 'ok', refused: false },
        ),
      ),
    ).not.toContain('AKIA');
  });
});
