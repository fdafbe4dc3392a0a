import 'reflect-metadata';
import { bootstrapAgentService } from '@patchbay/agent-runtime';
import { githubAppClientFromEnv } from '@patchbay/github';
import { GithubAgentModule } from '@patchbay/github-agent-feature';
import { createKeyProvider, type KeyProviderConfig } from '@patchbay/secrets';

// The key provider is only built when the app's private key is given sealed.
const keyProviders = () => [
  createKeyProvider({ ...process.env, KEY_PROVIDER: process.env['KEY_PROVIDER'] ?? 'local' } as KeyProviderConfig),
];

void bootstrapAgentService('github-agent', () => [
  GithubAgentModule.forRoot({ github: githubAppClientFromEnv(process.env, keyProviders) }),
]);
