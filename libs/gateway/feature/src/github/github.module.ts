import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { EventsModule } from '../events/events.module';
import { TasksModule } from '../tasks/tasks.module';
import { GithubMirrorService } from './github-mirror.service';
import { GithubTaskNotifier } from './github-task-notifier.service';
import { GithubTriggerService } from './github-trigger.service';
import { GithubWebhookConsumerController } from './github-webhook-consumer.controller';
import { GithubWebhookIntake } from './github-webhook-intake.service';
import { GithubWebhookController } from './github-webhook.controller';
import { GithubWebhookService } from './github-webhook.service';

/**
 * The GitHub App's side of the gateway: the webhook endpoint and its worker, tasks triggered from
 * issues and pull requests, repository mirrors, and comments on the thread that started a task
 * (GithubTaskNotifier subscribes to the task event stream).
 */
@Module({
  imports: [TasksModule, AuditModule, EventsModule],
  controllers: [GithubWebhookController, GithubWebhookConsumerController],
  providers: [GithubWebhookIntake, GithubWebhookService, GithubTriggerService, GithubMirrorService, GithubTaskNotifier],
})
export class GithubModule {}
