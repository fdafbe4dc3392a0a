import 'reflect-metadata';
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
  const app = await createSandboxApplication(config);
  await app.listen(config.port);
}

void bootstrap();
