import { type DynamicModule, Module } from '@nestjs/common';
import { RequestAnswerer, taskCancellationsProvider } from '@patchbay/agent-runtime';
import type { GithubAppClient } from '@patchbay/github';
import { LocalForge } from '@patchbay/local-forge';
import { GITHUB_APP_CLIENT, GITHUB_PUBLISHER } from './github-agent.tokens';
import { GithubCommentController } from './github-comment.controller';
import { GithubCommentService } from './github-comment.service';
import { GithubPublisher } from './github-publisher';
import { PublishController } from './publish.controller';
import { PublishService } from './publish.service';

export interface GithubAgentOptions {
  /** The GitHub App (possibly still opening its sealed key); null publishes to the local forge only and drops GitHub comments with a warning. */
  github: GithubAppClient | null | Promise<GithubAppClient | null>;
}

/**
 * The github agent: publishes approved changes (GitHub or the local forge) and comments on GitHub.
 * Needs MESSAGE_BUS from the host (AgentServiceModule provides it).
 */
@Module({})
export class GithubAgentModule {
  static forRoot(options: GithubAgentOptions): DynamicModule {
    return {
      module: GithubAgentModule,
      controllers: [PublishController, GithubCommentController],
      providers: [
        { provide: GITHUB_APP_CLIENT, useFactory: () => options.github },
        {
          provide: GITHUB_PUBLISHER,
          useFactory: (client: GithubAppClient | null) => (client ? new GithubPublisher(client) : null),
          inject: [GITHUB_APP_CLIENT],
        },
        { provide: LocalForge, useValue: new LocalForge() },
        RequestAnswerer,
        taskCancellationsProvider('github-agent'),
        PublishService,
        GithubCommentService,
      ],
    };
  }
}
