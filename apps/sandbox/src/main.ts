import 'reflect-metadata';
import { exitOnSignals } from '@patchbay/agent-runtime';
import { JsonLogger, startTracing } from '@patchbay/observability';
import { createSandboxApplication, loadSandboxConfig, SandboxConfigError } from '@patchbay/sandbox-runtime';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadSandboxConfig(process.env);
  } catch (error) {
    if (error instanceof SandboxConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  startTracing('sandbox');
  const logger = new JsonLogger('sandbox');
  const app = await createSandboxApplication(config, { logger });
  await app.listen(config.port);
  exitOnSignals(app, logger);
}

void bootstrap();
