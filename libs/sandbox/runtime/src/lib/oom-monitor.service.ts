import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { ContainerManager, messageOf } from './container-manager.service';
import { SANDBOX_LABELS } from './sandbox-labels';

/** How long to wait before subscribing again when the engine's event stream ends. */
const RESUBSCRIBE_MS = 1_000;

/**
 * Counts the host OOM killer's kills per sandbox container, from the engine's `oom` events (the
 * kernel reports them for the container's memory cgroup). That is the evidence an exec's
 * `oomKilled` rests on: under gVisor the killer may take the whole sandbox (the container then
 * stops with OOMKilled) or only a process, and either way the exec's own exit status arrives
 * before the engine has noticed the container stop — reading the container state alone gave
 * `oomKilled: false` to the memory bomb and `true` to whatever ran next.
 */
@Injectable()
export class OomMonitor implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(OomMonitor.name);
  private readonly counts = new Map<string, number>();
  private readonly waiters = new Set<{ containerId: string; wake: () => void }>();
  private stream: Readable | null = null;
  private stopped = false;
  private warned = false;

  constructor(private readonly containers: ContainerManager) {}

  onModuleInit(): void {
    void this.subscribe();
  }

  onModuleDestroy(): void {
    this.stopped = true;
    this.stream?.destroy();
    for (const waiter of this.waiters) waiter.wake();
  }

  /** OOM kills seen in this container since the service started (only containers that had one take memory). */
  count(containerId: string): number {
    return this.counts.get(containerId) ?? 0;
  }

  /** Resolves true as soon as the count exceeds `seen`, false after `timeoutMs`. */
  async waitForKill(containerId: string, seen: number, timeoutMs: number): Promise<boolean> {
    if (this.count(containerId) > seen) return true;
    let waiter: { containerId: string; wake: () => void } | undefined;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      waiter = { containerId, wake: resolve };
      this.waiters.add(waiter);
      timer = setTimeout(resolve, timeoutMs);
    });
    clearTimeout(timer);
    if (waiter) this.waiters.delete(waiter);
    return this.count(containerId) > seen;
  }

  private async subscribe(): Promise<void> {
    while (!this.stopped) {
      try {
        const stream = (await this.containers.docker.getEvents({
          filters: { type: ['container'], event: ['oom'], label: [`${SANDBOX_LABELS.managed}=1`] },
        })) as unknown as Readable;
        this.stream = stream;
        this.warned = false;
        // Watching must not keep alive a process that has nothing else to do.
        (stream as Readable & { socket?: { unref?: () => void } }).socket?.unref?.();
        await this.consume(stream);
      } catch (error) {
        if (!this.warned && !this.stopped)
          this.logger.warn(`no OOM events from the engine (${messageOf(error)}); retrying`);
        this.warned = true;
      }
      if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, RESUBSCRIBE_MS).unref());
    }
  }

  private consume(stream: Readable): Promise<void> {
    return new Promise((resolve) => {
      let pending = '';
      stream.on('data', (chunk: Buffer) => {
        pending += chunk.toString('utf8');
        let newline = pending.indexOf('\n');
        while (newline >= 0) {
          this.record(pending.slice(0, newline));
          pending = pending.slice(newline + 1);
          newline = pending.indexOf('\n');
        }
      });
      stream.once('end', () => resolve());
      stream.once('close', () => resolve());
      stream.once('error', () => resolve());
    });
  }

  private record(line: string): void {
    if (!line.trim()) return;
    let event: { Action?: unknown; id?: unknown; Actor?: { ID?: unknown } };
    try {
      event = JSON.parse(line) as typeof event;
    } catch {
      return;
    }
    const containerId =
      typeof event.Actor?.ID === 'string' ? event.Actor.ID : typeof event.id === 'string' ? event.id : null;
    if (event.Action !== 'oom' || !containerId) return;
    this.counts.set(containerId, this.count(containerId) + 1);
    for (const waiter of this.waiters) if (waiter.containerId === containerId) waiter.wake();
  }
}
