import { Module } from '@nestjs/common';
import { TasksModule } from '../tasks/tasks.module';
import { BacklogConversationsController } from './backlog-conversations.controller';
import { BacklogConversationsService } from './backlog-conversations.service';
import { BacklogPatchesService } from './backlog-patches.service';
import { BacklogProjectsController } from './backlog-projects.controller';
import { BacklogProjectsService } from './backlog-projects.service';

/** The backlog planner's API (ADR 0035): projects, conversations, proposals, versions, leaves sent as coding tasks. */
@Module({
  imports: [TasksModule],
  controllers: [BacklogProjectsController, BacklogConversationsController],
  providers: [BacklogProjectsService, BacklogConversationsService, BacklogPatchesService],
})
export class BacklogModule {}
