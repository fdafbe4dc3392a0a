import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { AgentServiceModule } from '@patchbay/agent-runtime';
import { TaskModels } from '@patchbay/pipeline-services';
import { BusServer, queueTopology, RabbitMqBus } from '@patchbay/bus';
import { CodingAgentModule } from '@patchbay/coding-agent-feature';
import type { ServiceName, TaskEvent, TaskStatus } from '@patchbay/contracts';
import { GithubAgentModule } from '@patchbay/github-agent-feature';
import { loadModelConfig } from '@patchbay/model';
import { SandboxClient } from '@patchbay/sandbox-client';
import { createSandboxApplication, loadSandboxConfig } from '@patchbay/sandbox-runtime';
import { TestingAgentModule } from '@patchbay/testing-agent-feature';
import {
  asDatabaseOwner,
  createGitRepository,
  startGatewayTestApp,
  testAmqpUrl,
  testDatabaseUrl,
  uniqueName,
  waitForTaskStatus,
  type GatewayTestApp,
  GREETER_PROJECT,
} from '@patchbay/testing';
import { connect } from 'amqplib';

const root = path.resolve(__dirname, '../../../..');

/**
 * Distributed mode over the real RabbitMQ: the supervisor is its own process, killed with
 * SIGKILL while the task is executing and started again. The task must complete with every
 * stage having run once: no duplicate commit, branch or pull request.
 */
describe('supervisor killed mid-task (real RabbitMQ, Postgres, gVisor)', () => {
  let gateway: GatewayTestApp;
  const agents: INestApplication[] = [];
  let sandboxApp: INestApplication;
  let supervisor: ChildProcess | undefined;
  let supervisorOutput = '';
  let env: NodeJS.ProcessEnv;

  function startSupervisor(): ChildProcess {
    const child = spawn(
      process.execPath,
      ['-r', './tools/runtime/register-aliases.js', 'dist/out-tsc/apps/supervisor/src/main.js'],
      { cwd: root, env, stdio: 'pipe' },
    );
    child.stdout?.on('data', (chunk: Buffer) => (supervisorOutput += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (supervisorOutput += chunk.toString()));
    return child;
  }

  async function startAgent(
    service: ServiceName,
    module: Parameters<typeof AgentServiceModule.forRoot>[0]['features'][number],
  ): Promise<void> {
    const bus = new RabbitMqBus(testAmqpUrl());
    const app = await NestFactory.create(AgentServiceModule.forRoot({ bus, features: [module] }), { logger: false });
    app.connectMicroservice<MicroserviceOptions>({ strategy: new BusServer(bus, [service]) });
    await app.startAllMicroservices();
    await app.init();
    agents.push(app);
  }

  beforeAll(async () => {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'pipe' });
    const connection = await connect(testAmqpUrl());
    const channel = await connection.createChannel();
    for (const service of ['supervisor', 'gateway', 'coding-agent', 'testing-agent', 'github-agent'] as const) {
      for (const queue of Object.values(queueTopology(service))) await channel.deleteQueue(queue);
    }
    await connection.close();

    const token = `crash-test-${randomUUID()}`;
    const sandboxConfig = loadSandboxConfig({
      SANDBOX_TOKEN: token,
      SANDBOX_INSTANCE_ID: `crash-${randomUUID().slice(0, 8)}`,
      SANDBOX_POOL_SIZE: '0',
      SANDBOX_EGRESS_PROXY_PORT: '0',
      SANDBOX_DEFAULT_MEMORY_MB: '1024',
      SANDBOX_REPO_ROOTS: os.tmpdir(),
    });
    sandboxApp = await createSandboxApplication(sandboxConfig, { logger: false });
    await sandboxApp.listen(0, '127.0.0.1');
    const sandboxUrl = (await sandboxApp.getUrl()).replace('[::1]', '127.0.0.1');
    const sandbox = new SandboxClient({ baseUrl: sandboxUrl, token });

    const scriptFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'crash-script-')), 'script.json');
    writeFileSync(
      scriptFile,
      JSON.stringify({
        label: 'crash test',
        turns: [
          {
            role: 'planner',
            toolCalls: [
              {
                name: 'submit_plan',
                args: {
                  summary: 'Fix greet()',
                  steps: [{ id: '1', title: 'Fix greet()', detail: '', files: ['src/greet.js'] }],
                },
              },
            ],
          },
          // A slow first step keeps the task in `executing` long enough to kill the supervisor there.
          { role: 'coder', toolCalls: [{ name: 'run_command', args: { command: 'sleep 6 && echo looked around' } }] },
          {
            role: 'coder',
            toolCalls: [
              { name: 'edit_file', args: { path: 'src/greet.js', old: "'Hello ' + name", new: '`Hello, ${name}!`' } },
            ],
          },
          { role: 'coder', content: 'Fixed.' },
        ],
      }),
    );
    const models = new TaskModels(loadModelConfig({ MODEL_PROVIDER: 'scripted', SCRIPTED_MODEL_FILE: scriptFile }));
    await startAgent('coding-agent', CodingAgentModule.forRoot({ sandbox, models, stepBudget: 10 }));
    await startAgent('testing-agent', TestingAgentModule.forRoot({ sandbox }));
    await startAgent('github-agent', GithubAgentModule.forRoot({ github: null }));
    gateway = await startGatewayTestApp({ bus: new RabbitMqBus(testAmqpUrl()) });
    env = {
      ...process.env,
      DATABASE_URL: testDatabaseUrl(),
      AMQP_URL: testAmqpUrl(),
      BUS_DRIVER: 'rabbitmq',
      HEALTH_PORT: '0',
      SANDBOX_URL: sandboxUrl,
      SANDBOX_TOKEN: token,
      MODEL_PROVIDER: 'scripted',
      SCRIPTED_MODEL_FILE: scriptFile,
    };
  }, 180_000);

  afterAll(async () => {
    supervisor?.kill('SIGKILL');
    for (const app of agents) await app.close();
    await gateway?.close();
    await sandboxApp?.close();
  });

  it('resumes the task from its last checkpoint and finishes it exactly once', async () => {
    const admin = await gateway.login(uniqueName('admin'), uniqueName('org'));
    const auth = { authorization: `Bearer ${admin.token}` };
    await gateway.http
      .post('/api/v1/repositories')
      .set(auth)
      .send({ source: 'local', fullName: 'acme/greeter', importFrom: createGitRepository(GREETER_PROJECT) })
      .expect(201);
    supervisor = startSupervisor();
    const taskId = (
      await gateway.http
        .post('/api/v1/tasks')
        .set(auth)
        .send({
          repository: 'acme/greeter',
          prompt: 'Fix the failing greeting test',
          autoApprove: { plan: true, diff: true },
        })
        .expect(201)
    ).body.id as string;
    const status = async () => (await gateway.http.get(`/api/v1/tasks/${taskId}`).set(auth)).body.status as string;
    const until = (wanted: TaskStatus, timeoutMs: number) =>
      waitForTaskStatus(gateway, auth, taskId, wanted, timeoutMs).catch((error: unknown) => {
        throw new Error(
          `${error instanceof Error ? error.message : String(error)}\nsupervisor output:\n${supervisorOutput.slice(-3000)}`,
          { cause: error },
        );
      });

    await until('executing', 90_000);
    supervisor.kill('SIGKILL');
    await new Promise((resolve) => supervisor!.once('exit', resolve));
    expect(await status()).toBe('executing');

    supervisor = startSupervisor();
    await until('completed', 120_000);

    const events = (await gateway.http.get(`/api/v1/tasks/${taskId}/events`).set(auth)).body as TaskEvent[];
    const statuses = events.filter((e) => e.type === 'status_changed').map((e) => e.payload['to']);
    expect(statuses).toEqual(['queued', 'analysing', 'planning', 'executing', 'validating', 'publishing', 'completed']);
    expect(events.filter((e) => e.type === 'pr_created')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'file_modified')).toHaveLength(1);
    const prs = (
      await asDatabaseOwner((db) => db.query('SELECT head_branch FROM pull_requests WHERE task_id = $1', [taskId]))
    ).rows;
    expect(prs).toHaveLength(1);
    const bare = (
      await asDatabaseOwner((db) =>
        db.query('SELECT clone_url FROM repositories WHERE organisation_id = $1', [admin.organisationId]),
      )
    ).rows[0].clone_url as string;
    const branches = execFileSync('git', ['for-each-ref', '--format=%(refname:short)', 'refs/heads'], { cwd: bare })
      .toString()
      .trim()
      .split('\n');
    expect(branches.filter((b) => b.startsWith('patchbay/'))).toEqual([prs[0].head_branch]);
    const commits = execFileSync('git', ['rev-list', '--count', `main..${prs[0].head_branch}`], { cwd: bare })
      .toString()
      .trim();
    expect(commits).toBe('1');
    const checkout = mkdtempSync(path.join(os.tmpdir(), 'crash-pr-'));
    execFileSync('git', ['clone', '-q', '--branch', prs[0].head_branch, bare, checkout]);
    execFileSync(process.execPath, ['--test'], { cwd: checkout, stdio: 'pipe' });
    expect(supervisorOutput).toContain('resuming tasks left mid-stage by a previous run');
  }, 300_000);
});
