import { wrapUntrustedData, type ResearchResult, type ResearchTool } from '@patchbay/contracts';
import { createResearchTools } from './research-tools';
import { runWorkspaceTool } from './run-workspace-tool';

const answer = (query: ResearchTool): ResearchResult => ({
  tool: 'package_info',
  untrusted: true,
  source: 'the npm registry',
  cached: false,
  text: wrapUntrustedData('the npm registry', `npm package ${query.tool === 'package_info' ? query.name : '?'}`),
  data: {
    kind: 'package_info',
    info: {
      name: 'x',
      ecosystem: 'npm',
      reachable: true,
      found: true,
      problem: null,
      latestVersion: '1.0.0',
      version: '1.0.0',
      deprecated: null,
      license: 'MIT',
      repository: null,
      description: null,
      readmeExcerpt: null,
      recentVersions: [],
    },
  },
});

describe('research tools', () => {
  it("hand the model the research agent's wrapped text, and fix the repository to search to the task's own", async () => {
    const asked: ResearchTool[] = [];
    const tools = createResearchTools(async (query) => (asked.push(query), answer(query)), {
      repository: { barePath: '/data/forge/r.git', commit: 'abc123', exclude: ['secret/**'] },
    });
    expect(tools.map((tool) => tool.name)).toEqual(['package_info', 'package_advisories', 'search_repository_docs']);
    const outcome = await runWorkspaceTool(tools, 'package_info', { name: 'semver' });
    expect(outcome).toEqual({
      refused: false,
      content: expect.stringMatching(
        /^<untrusted-data source="the npm registry">[\s\S]*npm package semver\n<\/untrusted-data>$/,
      ),
    });
    await runWorkspaceTool(tools, 'search_repository_docs', { query: 'deploy', barePath: '/etc' });
    expect(asked).toEqual([
      { tool: 'package_info', name: 'semver', ecosystem: 'npm' },
      {
        tool: 'search_repository_docs',
        query: 'deploy',
        barePath: '/data/forge/r.git',
        commit: 'abc123',
        exclude: ['secret/**'],
      },
    ]);
  });

  it('a research agent that is down becomes an error the model reads, not a thrown failure', async () => {
    const tools = createResearchTools(() =>
      Promise.reject(new Error('research-agent.query did not answer within 20 s')),
    );
    expect(tools.map((tool) => tool.name)).toEqual(['package_info', 'package_advisories']);
    expect(await runWorkspaceTool(tools, 'package_advisories', { name: 'semver', version: '7.5.1' })).toEqual({
      refused: true,
      content:
        'error: the research agent did not answer (research-agent.query did not answer within 20 s); continue without it',
    });
  });

  it('refuses a name the registry could not have before asking, so no call waits out its timeout', async () => {
    const tools = createResearchTools(() => Promise.reject(new Error('must not be asked')));
    const outcome = await runWorkspaceTool(tools, 'package_info', { name: '../../etc/passwd' });
    expect(outcome.refused).toBe(true);
    expect(outcome.content).toMatch(/^error: invalid package_info arguments: name: a package name such as/);
  });
});
