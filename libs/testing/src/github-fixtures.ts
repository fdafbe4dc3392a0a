import { execFileSync } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import examples from '@octokit/webhooks-examples';
import { GithubRepository, RepositoryRepository, type RepositoryEntity } from '@patchbay/persistence';
import type request from 'supertest';
import type { FakeGithubApp } from './fake-github-app.server';
import type { GatewayTestApp } from './gateway-test-app';
import { createGitRepository } from './task-fixtures';

type Payload = Record<string, unknown>;

/**
 * A repository "on GitHub": a bare repository under the fake GitHub's git root that refuses
 * non-fast-forward pushes and branch deletions, as a protected GitHub repository would.
 */
export function createGithubRemote(gitRoot: string, fullName: string, files: Record<string, string>): string {
  const target = path.join(gitRoot, `${fullName}.git`);
  mkdirSync(path.dirname(target), { recursive: true });
  execFileSync('git', ['clone', '--bare', '-q', createGitRepository(files), target], { stdio: 'pipe' });
  execFileSync('git', ['--git-dir', target, 'config', 'receive.denyNonFastForwards', 'true']);
  execFileSync('git', ['--git-dir', target, 'config', 'receive.denyDeletes', 'true']);
  return target;
}

/** A real payload from @octokit/webhooks-examples, changed by `edit` for the test at hand. */
export function webhookExample(event: string, action: string, edit: (payload: Payload) => void): Payload {
  const found = examples
    .find((entry) => entry.name === event)
    ?.examples.find((payload) => (payload as Payload)['action'] === action);
  if (!found) throw new Error(`@octokit/webhooks-examples has no ${event}.${action}`);
  const payload = structuredClone(found) as Payload;
  edit(payload);
  return payload;
}

/** Points a payload at a repository and an installation, with a given sender. */
export function addressed(
  payload: Payload,
  fullName: string,
  installationId: number,
  sender: { login: string; id: number },
): Payload {
  const [owner, name] = fullName.split('/');
  payload['repository'] = {
    ...(payload['repository'] as Payload),
    full_name: fullName,
    name,
    owner: { ...((payload['repository'] as Payload)['owner'] as Payload), login: owner },
  };
  payload['installation'] = { id: installationId, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9u' };
  payload['sender'] = { ...(payload['sender'] as Payload), login: sender.login, id: sender.id, type: 'User' };
  return payload;
}

export interface DeliveryOptions {
  deliveryId?: string;
  /** Overrides the signature header; `null` leaves it out. */
  signature?: string | null;
  rawBody?: string;
}

/** POSTs a webhook delivery the way GitHub does: raw JSON body, event, delivery id and signature. */
export async function deliverWebhook(
  http: ReturnType<typeof request>,
  secret: string,
  event: string,
  payload: Payload,
  options: DeliveryOptions = {},
) {
  const body = options.rawBody ?? JSON.stringify(payload);
  const deliveryId = options.deliveryId ?? randomUUID();
  let call = http
    .post('/api/webhooks/github')
    .set('content-type', 'application/json')
    .set('x-github-event', event)
    .set('x-github-delivery', deliveryId)
    .set('user-agent', 'GitHub-Hookshot/test');
  // Signed as GitHub signs (the unit spec of the verifier cross-checks with @octokit/webhooks-methods).
  const signature =
    options.signature === undefined
      ? `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
      : options.signature;
  if (signature !== null) call = call.set('x-hub-signature-256', signature);
  const response = await call.send(body);
  return { response, deliveryId };
}

/**
 * Installs the app on the repository's owner through GitHub's `installation.created` webhook,
 * waits until Patchbay has recorded the repository, then applies an admin's settings to it.
 */
export async function installGithubRepository(
  gateway: Pick<GatewayTestApp, 'app' | 'http'>,
  github: FakeGithubApp,
  options: {
    installationId: number;
    fullName: string;
    settings: Partial<Pick<RepositoryEntity, 'allowed' | 'autoApprovePlan' | 'autoApproveDiff'>>;
  },
): Promise<RepositoryEntity> {
  const [owner, name] = options.fullName.split('/');
  await deliverWebhook(
    gateway.http,
    github.webhookSecret,
    'installation',
    webhookExample('installation', 'created', (payload) => {
      payload['installation'] = {
        ...(payload['installation'] as object),
        id: options.installationId,
        account: { login: owner, id: 2, type: 'Organization' },
      };
      payload['repositories'] = [{ id: 2, name, full_name: options.fullName, private: true }];
    }),
  );
  const store = gateway.app.get(GithubRepository);
  for (let i = 0; i < 200; i += 1) {
    const installation = await store.findInstallation(options.installationId);
    const repository = installation ? await store.findRepository(installation, options.fullName) : null;
    if (repository) return gateway.app.get(RepositoryRepository).save(Object.assign(repository, options.settings));
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the installation of ${options.fullName} was not recorded`);
}
