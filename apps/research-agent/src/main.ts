import 'reflect-metadata';
import { bootstrapAgentService } from '@patchbay/agent-runtime';

// The research agent's handlers (package documentation, advisories) are not built yet: it starts,
// reports health, and leaves its queue to accumulate for the version that consumes it.
void bootstrapAgentService('research-agent', () => []);
