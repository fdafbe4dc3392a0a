import {
  PACKAGE_ECOSYSTEMS,
  researchToolSchema,
  type PackageEcosystem,
  type ResearchResult,
  type ResearchTool,
} from '@patchbay/contracts';
import { z } from 'zod';
import { ToolRefusal, type WorkspaceTool } from './workspace-tool';

/** Asks the research agent one question; rejects when it does not answer in time. */
export type AskResearch = (query: ResearchTool) => Promise<ResearchResult>;

export interface ResearchToolOptions {
  /** The task's bare repository and base commit; search_repository_docs is offered only with them. */
  repository?: { barePath: string; commit: string; exclude?: readonly string[] };
}

/**
 * The research agent's tools as a model sees them. What comes back is the agent's text, which
 * is already wrapped as untrusted data; a research agent that is down or slow becomes an
 * `error: …` answer the model can work around (runWorkspaceTool), never a failed task. The
 * repository to search is the task's own, fixed here: the model names only the query.
 */
export function createResearchTools(ask: AskResearch, options: ResearchToolOptions = {}): WorkspaceTool[] {
  const asked = async (query: ResearchTool): Promise<string> => {
    // Checked here against the agent's own contract: a query it would drop as malformed must not wait out the timeout.
    const valid = researchToolSchema.safeParse(query);
    if (!valid.success)
      throw new ToolRefusal(
        `invalid ${query.tool} arguments: ${valid.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
      );
    try {
      return (await ask(valid.data)).text;
    } catch (error) {
      throw new ToolRefusal(
        `the research agent did not answer (${error instanceof Error ? error.message : String(error)}); continue without it`,
      );
    }
  };
  const tools: WorkspaceTool[] = [
    {
      name: 'package_info',
      description:
        'Look up a package on its registry (npm, or PyPI): latest version, deprecation, licence, repository and a README excerpt. Give version to ask about a specific one.',
      schema: z.object({
        name: z.string().min(1).max(214),
        ecosystem: z.enum(PACKAGE_ECOSYSTEMS).optional(),
        version: z.string().min(1).max(256).optional(),
      }),
      run: ({ name, ecosystem, version }) =>
        asked({
          tool: 'package_info',
          name: String(name),
          ecosystem: (ecosystem as PackageEcosystem | undefined) ?? 'npm',
          ...(version ? { version: String(version) } : {}),
        }),
    },
    {
      name: 'package_advisories',
      description:
        'Known security advisories of one version of an npm package (the npm registry advisory database): severity, title, vulnerable range, link.',
      schema: z.object({ name: z.string().min(1).max(214), version: z.string().min(1).max(256) }),
      run: ({ name, version }) => asked({ tool: 'package_advisories', name: String(name), version: String(version) }),
    },
  ];
  const repository = options.repository;
  if (repository) {
    tools.push({
      name: 'search_repository_docs',
      description:
        "Search the repository's documentation (Markdown and reStructuredText files) for a question or topic; returns the best-matching pages with a passage of each.",
      schema: z.object({ query: z.string().min(1).max(500) }),
      run: ({ query }) =>
        asked({
          tool: 'search_repository_docs',
          query: String(query),
          barePath: repository.barePath,
          commit: repository.commit,
          exclude: [...(repository.exclude ?? [])],
        }),
    });
  }
  return tools;
}
