import 'reflect-metadata';
import { bootstrapAgentService } from '@patchbay/agent-runtime';
import { SupervisorModule } from '@patchbay/supervisor-feature';

void bootstrapAgentService('supervisor', [SupervisorModule]);
