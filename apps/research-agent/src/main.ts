import 'reflect-metadata';
import { bootstrapAgentService } from '@patchbay/agent-runtime';

// The research-agent's handlers arrive with the task pipeline; until then it starts, reports health and
// leaves its queue to accumulate for the version that consumes it.
void bootstrapAgentService('research-agent', []);
