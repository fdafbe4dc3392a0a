import 'reflect-metadata';
import { bootstrapAgentService } from '@patchbay/agent-runtime';
import { TestingAgentModule } from '@patchbay/testing-agent-feature';

void bootstrapAgentService('testing-agent', () => [TestingAgentModule.fromEnv()]);
