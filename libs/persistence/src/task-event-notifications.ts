import { Logger } from '@nestjs/common';
import { Client, type Notification } from 'pg';

/** The channel the `task_events_notify` trigger announces every stored event on (migration TaskEventNotify). */
export const TASK_EVENTS_CHANNEL = 'patchbay_task_events';

export interface TaskEventNotificationHandlers {
  /** An event of the task with this `seq` was committed (by any process writing to this database). */
  stored(taskId: string, seq: number): void;
  /**
   * The connection was lost and is back: notifications sent meanwhile are gone, so whoever keeps
   * a position must read the database again.
   */
  resumed(): void;
}

export interface TaskEventNotificationOptions {
  databaseUrl: string;
  applicationName: string;
  /** Wait before reconnecting after the connection is lost or refused. */
  reconnectDelayMs?: number;
}

/**
 * One dedicated connection that LISTENs for stored task events (ADR 0025). It is not a pool
 * connection: LISTEN belongs to a session, which a pool would hand to other queries. A lost
 * connection is re-opened after a delay until `stop`, and each re-open is reported as `resumed`.
 */
export class TaskEventNotifications {
  private readonly logger = new Logger(TaskEventNotifications.name);
  private client: Client | null = null;
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly options: TaskEventNotificationOptions,
    private readonly handlers: TaskEventNotificationHandlers,
  ) {}

  /** Resolves once listening, or once the first attempt failed (a retry is then scheduled): never rejects. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect(false);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(resuming: boolean): Promise<void> {
    const client = new Client({
      connectionString: this.options.databaseUrl,
      application_name: `${this.options.applicationName}-listen`,
    });
    let lost = false;
    const onLost = (error?: Error): void => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = null;
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      this.logger.warn({ msg: 'task event notifications lost; reconnecting', error: error?.message });
      this.scheduleReconnect();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (notification) => this.onNotification(notification));
    try {
      await client.connect();
      await client.query(`LISTEN ${TASK_EVENTS_CHANNEL}`);
    } catch (error) {
      onLost(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    if (resuming) this.handlers.resumed();
  }

  private scheduleReconnect(): void {
    if (this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      if (!this.stopped) void this.connect(true);
    }, this.options.reconnectDelayMs ?? 1_000);
  }

  private onNotification(notification: Notification): void {
    if (notification.channel !== TASK_EVENTS_CHANNEL) return;
    const [taskId, seq] = (notification.payload ?? '').split(':');
    const number = Number(seq);
    if (!taskId || !Number.isInteger(number)) {
      this.logger.warn({ msg: 'malformed task event notification ignored', payload: notification.payload });
      return;
    }
    this.handlers.stored(taskId, number);
  }
}
