import 'reflect-metadata';
import { bootstrapAgentService } from '@patchbay/agent-runtime';
import { ResearchAgentModule } from '@patchbay/research-agent-feature';

void bootstrapAgentService('research-agent', () => [ResearchAgentModule.fromEnv()]);
