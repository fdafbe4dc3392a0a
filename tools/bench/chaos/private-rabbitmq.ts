/**
 * A RabbitMQ node of the benchmark's own (Debian's rabbitmq-server, run as another node name, on
 * other ports, with its data under a temporary directory), so the chaos benchmark can kill -9 the
 * broker and start it again without touching the machine's shared broker. A restart reuses the
 * same data directory: durable queues and persistent messages survive, as on a real broker host.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SERVER = process.env['CHAOS_RABBITMQ_SERVER'] ?? '/usr/lib/rabbitmq/bin/rabbitmq-server';

export class PrivateRabbitMq {
  private readonly dir = mkdtempSync(join(tmpdir(), 'patchbay-chaos-rabbitmq-'));
  private child?: ChildProcess;
  private output = '';

  constructor(
    readonly port: number,
    private readonly distPort: number,
    private readonly nodeName = `patchbay-chaos-${port}@localhost`,
  ) {
    writeFileSync(join(this.dir, 'enabled_plugins'), '[].\n');
  }

  get url(): string {
    return `amqp://guest:guest@127.0.0.1:${this.port}`;
  }

  async start(timeoutMs = 90_000): Promise<void> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      // The Erlang cookie is created in HOME: a private one, so nothing of the shared node is read.
      HOME: this.dir,
      RABBITMQ_NODENAME: this.nodeName,
      RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
      RABBITMQ_NODE_PORT: String(this.port),
      RABBITMQ_DIST_PORT: String(this.distPort),
      RABBITMQ_MNESIA_BASE: join(this.dir, 'mnesia'),
      RABBITMQ_LOG_BASE: join(this.dir, 'log'),
      RABBITMQ_PID_FILE: join(this.dir, 'node.pid'),
      RABBITMQ_ENABLED_PLUGINS_FILE: join(this.dir, 'enabled_plugins'),
      RABBITMQ_CONFIG_FILE: join(this.dir, 'rabbitmq'),
      RABBITMQ_ADVANCED_CONFIG_FILE: join(this.dir, 'advanced.config'),
    };
    const child = spawn(SERVER, [], { env, stdio: 'pipe', detached: true });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.child = child;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`rabbitmq-server exited (${child.exitCode}):\n${this.output}`);
      if (this.output.includes('Starting broker... completed') && (await this.accepts())) return;
      await new Promise((done) => setTimeout(done, 250));
    }
    throw new Error(`the private RabbitMQ node did not start within ${timeoutMs} ms:\n${this.output}`);
  }

  /** kill -9 of the node's Erlang VM (beam.smp), as a crashed broker host; its data stays. */
  async kill9(): Promise<void> {
    const pid = this.vmPid();
    const child = this.child;
    if (pid) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      // The wrapper script (if it did not exec the VM) goes with it.
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // the group is gone already
      }
      await exited;
    }
    while (await this.accepts()) await new Promise((done) => setTimeout(done, 100));
  }

  async restart(): Promise<void> {
    await this.kill9();
    await this.start();
  }

  /** Stops the node and removes its data. */
  async destroy(): Promise<void> {
    await this.kill9();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private vmPid(): number | undefined {
    try {
      const pid = Number(readFileSync(join(this.dir, 'node.pid'), 'utf8').trim());
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    } catch {
      return undefined;
    }
  }

  private accepts(): Promise<boolean> {
    return new Promise((done) => {
      const socket = createConnection({ host: '127.0.0.1', port: this.port });
      socket.once('connect', () => {
        socket.destroy();
        done(true);
      });
      socket.once('error', () => done(false));
    });
  }
}
