/**
 * GitHub webhook benchmark: how fast the webhook endpoint answers GitHub (signature check,
 * de-duplication record, hand-over to the bus), and how long a labelled issue takes to become a
 * queued task (permission check through the API, mirror fetch over git's HTTP protocol, task
 * insert, "queued" comment). Real gateway and Postgres; GitHub is the local fake (REST + git
 * http-backend) from libs/testing, so network latency to github.com is not included.
 *
 * Usage: npm run bench:github-webhook [-- --acks 200 --triggers 10]
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GithubAppClient } from '@patchbay/github';
import { GithubAgentModule } from '@patchbay/github-agent-feature';
import { GithubRepository } from '@patchbay/persistence';
import {
  addressed,
  createGithubRemote,
  deliverWebhook,
  GREETER_PROJECT,
  installGithubRepository,
  startFakeGithubApp,
  startGatewayTestApp,
  webhookExample,
} from '@patchbay/testing';
import { Client } from 'pg';
import { BENCH_DATABASE_URL, freshBenchDatabase, numberArgument, quantile } from './bench-support';

const ms = (value: number): string => `${value.toFixed(1)} ms`;

async function main(): Promise<void> {
  const acks = numberArgument('acks', 200);
  const triggers = numberArgument('triggers', 10);
  await freshBenchDatabase();

  const github = await startFakeGithubApp({ gitRoot: mkdtempSync(path.join(os.tmpdir(), 'patchbay-bench-github-')) });
  const fullName = 'bench-org/greeter';
  createGithubRemote(github.gitRoot, fullName, GREETER_PROJECT);
  github.repository(fullName).collaborators.set('maintainer', 'write');
  const client = new GithubAppClient(github.config);
  const gateway = await startGatewayTestApp({
    databaseUrl: BENCH_DATABASE_URL,
    github: client,
    colocated: { services: ['github-agent'], modules: [GithubAgentModule.forRoot({ github: client })] },
  });
  const store = gateway.app.get(GithubRepository);
  try {
    const installationId = 4_711;
    await installGithubRepository(gateway, github, { installationId, fullName, settings: { allowed: true } });

    const ackTimes: number[] = [];
    for (let i = 0; i < acks; i += 1) {
      const started = performance.now();
      // Distinct bodies, as GitHub's are: an identical body under a new delivery id is a replay, answered without being queued.
      const starredAt = new Date(Date.UTC(2026, 0, 1) + i * 1_000).toISOString();
      const { response } = await deliverWebhook(gateway.http, github.webhookSecret, 'star', {
        action: 'created',
        starred_at: starredAt,
        installation: { id: installationId },
      });
      ackTimes.push(performance.now() - started);
      if (response.status !== 202) throw new Error(`delivery answered ${response.status}`);
    }

    const triggerTimes: number[] = [];
    const database = new Client({ connectionString: BENCH_DATABASE_URL });
    await database.connect();
    for (let i = 0; i < triggers; i += 1) {
      const started = performance.now();
      const { deliveryId } = await deliverWebhook(
        gateway.http,
        github.webhookSecret,
        'issues',
        webhookExample('issues', 'labeled', (payload) => {
          addressed(payload, fullName, installationId, { login: 'maintainer', id: 42 });
          Object.assign(payload['issue'] as object, {
            number: 100 + i,
            title: `Benchmark issue ${i}`,
            body: 'Fix the greeting.',
          });
          payload['label'] = { ...(payload['label'] as object), name: 'patchbay' };
        }),
      );
      let row = await store.findDelivery(deliveryId);
      while (!row || row.outcome === 'received') {
        await new Promise((resolve) => setTimeout(resolve, 5));
        row = await store.findDelivery(deliveryId);
      }
      triggerTimes.push(performance.now() - started);
      if (row.outcome !== 'task_created') throw new Error(`trigger ended as ${row.outcome}`);
      // Keep the concurrent-task quota free for the next trigger.
      await database.query(`UPDATE tasks SET status = 'cancelled', finished_at = now() WHERE id = $1`, [row.taskId]);
    }
    await database.end();

    console.log(`machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown cpu'}`);
    console.log('| measure | runs | p50 | p95 | max |');
    console.log('|---|---|---|---|---|');
    console.log(
      `| webhook answered (202) | ${acks} | ${ms(quantile(ackTimes, 0.5))} | ${ms(quantile(ackTimes, 0.95))} | ${ms(Math.max(...ackTimes))} |`,
    );
    console.log(
      `| labelled issue → task queued | ${triggers} | ${ms(quantile(triggerTimes, 0.5))} | ${ms(quantile(triggerTimes, 0.95))} | ${ms(Math.max(...triggerTimes))} |`,
    );
  } finally {
    await gateway.close();
    await github.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
