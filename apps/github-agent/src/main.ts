import 'reflect-metadata';
import { bootstrapAgentService } from '@patchbay/agent-runtime';
import { githubAppClientFromEnv } from '@patchbay/github';
import { GithubAgentModule } from '@patchbay/github-agent-feature';

void bootstrapAgentService('github-agent', () => [GithubAgentModule.forRoot({ github: githubAppClientFromEnv() })]);
