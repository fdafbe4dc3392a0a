import 'reflect-metadata';
import { bootstrapAgentService } from '@patchbay/agent-runtime';
import { GithubAgentModule } from '@patchbay/github-agent-feature';

void bootstrapAgentService('github-agent', () => [GithubAgentModule]);
