import type { Scenario } from '../support/e2e-environment';
import { assert } from '../support/harness';

export const pageErrorsScenario: Scenario = {
  name: 'page errors',
  journey: 'independent',
  async run(e2e, check) {
    await check('no uncaught errors in the page', async () => {
      assert(e2e.env.pageErrors.length === 0, `page errors: ${e2e.env.pageErrors.join(' | ')}`);
    });
  },
};
