import type { ReadFileResponse } from '@patchbay/contracts';
import type { SandboxClient } from '@patchbay/sandbox-client';
import { createCodingTools, ToolRefusal, type ToolReporter } from './coding-tools';
import { ChangeBudget } from './path-rules';

/** A sandbox that holds a few files in memory: only what get_file_summary reads. */
function sandboxWith(files: Record<string, string>): SandboxClient {
  const fake: Pick<SandboxClient, 'readFile'> = {
    readFile: async (_id: string, path: string): Promise<ReadFileResponse> => {
      const content = files[path];
      if (content === undefined) throw new Error(`no such file ${path}`);
      const totalLines = content.split('\n').length;
      return { path, content, totalLines, startLine: 1, endLine: totalLines };
    },
  };
  return fake as SandboxClient;
}

const reporter: ToolReporter = { fileModified: async () => undefined, commandExecuted: async () => undefined };

function summaryTool(files: Record<string, string>) {
  const tool = createCodingTools(sandboxWith(files), 'sandbox-1', new ChangeBudget(), reporter).find(
    (t) => t.name === 'get_file_summary',
  );
  if (!tool) throw new Error('get_file_summary is missing');
  return tool;
}

describe('get_file_summary', () => {
  it('outlines the workspace content of a file with tree-sitter, with line ranges and members', async () => {
    const tool = summaryTool({
      'app/billing.py':
        'from .models import Invoice\n\nclass Biller:\n    def bill(self, order):\n        return Invoice(order)\n\ndef _helper():\n    pass\n',
    });
    expect(await tool.run({ path: 'app/billing.py' })).toBe(
      'app/billing.py (python, 8 lines)\n1: import .models { Invoice }\n3-5: export class Biller\n4-5:   export method bill\n7-8: function _helper',
    );
  });

  it('outlines TypeScript with the same grammar (the typescript compiler is not needed at run time)', async () => {
    const tool = summaryTool({
      'src/greeter.ts':
        "import { format } from './format';\n\nexport class Greeter {\n  greet(name: string): string {\n    return format(name);\n  }\n}\n\nexport function hello(a: string) {\n  return a;\n}\n",
    });
    expect(await tool.run({ path: 'src/greeter.ts' })).toBe(
      'src/greeter.ts (typescript, 11 lines)\n1: import ./format { format }\n3-7: export class Greeter\n4-6:   export method greet\n9-11: export function hello',
    );
  });

  it('falls back to the line-based outline for languages without a grammar, and refuses a missing file', async () => {
    const tool = summaryTool({ 'lib/tool.rb': 'class Tool\n  def run\n  end\nend\n' });
    expect(await tool.run({ path: 'lib/tool.rb' })).toBe('1: class Tool\n2:   def run');
    await expect(tool.run({ path: 'nope.ts' })).rejects.toThrow(ToolRefusal);
  });
});
