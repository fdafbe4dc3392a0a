import { Module } from '@nestjs/common';
import { TaskTimelineController } from './task-timeline.controller';
import { TaskTimelineService } from './task-timeline.service';

/** A task's timeline, its checkpoints, and forks from them (ADR 0036). */
@Module({
  controllers: [TaskTimelineController],
  providers: [TaskTimelineService],
})
export class TimelineModule {}
