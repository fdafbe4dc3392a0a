import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { QuotasModule } from '../quotas/quotas.module';
import { TasksModule } from '../tasks/tasks.module';
import { TaskForksService } from './task-forks.service';
import { TaskTimelineController } from './task-timeline.controller';
import { TaskTimelineService } from './task-timeline.service';

/** A task's timeline, its checkpoints, and forks from them (ADR 0036). */
@Module({
  imports: [TasksModule, QuotasModule, EventsModule],
  controllers: [TaskTimelineController],
  providers: [TaskTimelineService, TaskForksService],
})
export class TimelineModule {}
