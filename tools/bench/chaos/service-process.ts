/**
 * One platform service run as its own Node process from the compiled tree (dist/out-tsc), as
 * docker/patchbay.Dockerfile runs it: started, killed with SIGKILL (no shutdown hooks, like a
 * crashed host process), started again, and awaited until its /readyz answers 200.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { eventually, StopWaiting } from '@patchbay/testing';

const ROOT = resolve(__dirname, '../../..');

export interface ServiceProcessOptions {
  /** The app under apps/ (gateway, supervisor, coding-agent, …, sandbox). */
  name: string;
  /** Its whole environment (the launcher adds nothing but what is given here). */
  env: NodeJS.ProcessEnv;
  /** The port /readyz answers on: PORT, HEALTH_PORT or SANDBOX_PORT in `env`. */
  port: number;
  /** The last lines a failed start prints come from here. */
  outputLimit?: number;
}

export class ServiceProcess {
  private child?: ChildProcess;
  private output = '';
  /** How often this service was started (1 after the first start). */
  starts = 0;

  constructor(private readonly options: ServiceProcessOptions) {}

  get name(): string {
    return this.options.name;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** The tail of everything the process (all its incarnations) printed. */
  tail(chars = 4_000): string {
    return this.output.slice(-chars);
  }

  /** Starts the process and waits until /readyz answers 200. */
  async start(readyTimeoutMs = 120_000): Promise<void> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null)
      throw new Error(`${this.name} is already running (pid ${this.child.pid})`);
    const child = spawn(
      process.execPath,
      ['-r', './tools/runtime/register-aliases.js', `dist/out-tsc/apps/${this.name}/src/main.js`],
      { cwd: ROOT, env: this.options.env, stdio: 'pipe' },
    );
    const limit = this.options.outputLimit ?? 200_000;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-limit);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.child = child;
    this.starts++;
    await this.waitReady(readyTimeoutMs);
  }

  /** SIGKILL, then waits for the exit so the port and the broker connection are free again. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM (a clean stop at the end of a run), SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  async waitReady(timeoutMs = 120_000): Promise<void> {
    try {
      await eventually(
        async () => {
          const child = this.child;
          if (!child || child.exitCode !== null || child.signalCode !== null)
            throw new StopWaiting(`${this.name} exited while starting (${child?.exitCode ?? child?.signalCode})`);
          const response = await fetch(`http://127.0.0.1:${this.options.port}/readyz`, {
            signal: AbortSignal.timeout(2_000),
          });
          if (response.status !== 200)
            throw new Error(`status ${response.status}: ${(await response.text()).slice(0, 300)}`);
        },
        { description: `${this.name} ready`, timeoutMs, intervalMs: 250 },
      );
    } catch (error) {
      // What the process printed is the likeliest explanation of a start that never got ready.
      throw new Error(`${error instanceof Error ? error.message : String(error)}:\n${this.tail()}`, { cause: error });
    }
  }
}
