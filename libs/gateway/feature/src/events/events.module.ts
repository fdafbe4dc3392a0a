import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { EventsGateway } from './events.gateway';
import { TaskEventConsumerController } from './task-event-consumer.controller';
import { TaskEventFanout } from './task-event-fanout.service';
import { TaskEventsService } from './task-events.service';
import { TaskSubscriptions } from './task-subscriptions.service';

/**
 * The task event stream: events from the bus persisted, then broadcast over WebSocket /ws and to
 * subscribers; events other replicas stored arrive through the database's announcements (ADR 0025).
 */
@Module({
  imports: [AuthModule],
  controllers: [TaskEventConsumerController],
  providers: [TaskEventsService, TaskEventFanout, TaskSubscriptions, EventsGateway],
  exports: [TaskEventsService],
})
export class EventsModule {}
