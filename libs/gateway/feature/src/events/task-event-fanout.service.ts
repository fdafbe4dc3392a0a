import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { TaskEventNotifications } from '@patchbay/persistence';
import { DataSource } from 'typeorm';
import { TaskEventsService } from './task-events.service';

/**
 * Fans task events out across gateway replicas (ADR 0025): this gateway LISTENs for the database's
 * announcement of every stored event and hands it to its own subscribers, so a WebSocket client
 * sees events whichever replica or service stored them. Uses the gateway's own database URL, so
 * all-in-one mode (embedded Postgres) listens the same way.
 */
@Injectable()
export class TaskEventFanout implements OnApplicationBootstrap, OnModuleDestroy {
  private notifications: TaskEventNotifications | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: TaskEventsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const options = this.dataSource.options;
    const databaseUrl = 'url' in options ? options.url : undefined;
    if (!databaseUrl) throw new Error('the task event fan-out needs the database URL');
    this.notifications = new TaskEventNotifications(
      { databaseUrl, applicationName: ('applicationName' in options && options.applicationName) || 'patchbay' },
      {
        // broadcastAnnounced logs nothing and a failed read is made good by the subscriber's next catch-up.
        stored: (taskId, seq) => void this.events.broadcastAnnounced(taskId, seq).catch(() => undefined),
        resumed: () => this.events.announcementsResumed(),
      },
    );
    await this.notifications.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.notifications?.stop();
  }
}
