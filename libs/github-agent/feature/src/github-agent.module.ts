import { type DynamicModule, Module } from '@nestjs/common';
import type { GithubAppClient } from '@patchbay/github';
import { GITHUB_APP_CLIENT } from './github-agent.tokens';
import { GithubCommentController } from './github-comment.controller';
import { PublishController } from './publish.controller';

export interface GithubAgentOptions {
  /** The GitHub App (possibly still opening its sealed key); null publishes to the local forge only and drops GitHub comments with a warning. */
  github: GithubAppClient | null | Promise<GithubAppClient | null>;
}

/** The github agent: publishes approved changes (GitHub or the local forge) and comments on GitHub. */
@Module({})
export class GithubAgentModule {
  static forRoot(options: GithubAgentOptions): DynamicModule {
    return {
      module: GithubAgentModule,
      controllers: [PublishController, GithubCommentController],
      providers: [{ provide: GITHUB_APP_CLIENT, useFactory: () => options.github }],
    };
  }
}
