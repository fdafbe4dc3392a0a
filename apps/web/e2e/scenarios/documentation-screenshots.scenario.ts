import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Scenario } from '../support/e2e-environment';
import { SCREENSHOTS } from '../support/page-helpers';
import { WORKSPACE_ROOT } from '../support/processes';

/** The screenshots kept in docs/screenshots/, all from the pipeline journey. */
const DOC_SCREENSHOTS = [
  'dashboard',
  'task-plan',
  'task-log',
  'task-diff',
  'task-pr',
  'task-configuration',
  'admin',
  'task-pull-request',
  'task-command-output',
];
const DOCS_SCREENSHOTS_DIR = path.join(WORKSPACE_ROOT, 'docs/screenshots');

export const documentationScreenshotsScenario: Scenario = {
  name: 'documentation screenshots',
  journey: 'pipeline',
  async run(_e2e, check) {
    await check('screenshots: the documented set is copied to docs/screenshots/', async () => {
      mkdirSync(DOCS_SCREENSHOTS_DIR, { recursive: true });
      for (const name of DOC_SCREENSHOTS)
        copyFileSync(path.join(SCREENSHOTS, `${name}.png`), path.join(DOCS_SCREENSHOTS_DIR, `${name}.png`));
    });
  },
};
