import type { RunCodingStepCommand } from '@patchbay/contracts';

/** A first-round coding request for the greeter fix, as the supervisor sends it; specs spread over it what they vary. */
export const GREETER_CODING_STEP: RunCodingStepCommand = {
  requestId: 'r',
  taskId: '00000000-0000-4000-8000-000000000001',
  organisationId: '00000000-0000-4000-8000-000000000002',
  userId: '00000000-0000-4000-8000-000000000003',
  sandboxId: 'sbx',
  prompt: 'Fix the failing greeting test',
  round: 1,
  constraints: {},
  plan: {
    summary: 'Fix greet()',
    steps: [{ id: '1', title: 'Fix the string', detail: '', files: ['src/greet.js'] }],
    targetTests: [{ name: 'greets by name', file: 'test/greet.test.js' }],
  },
};
