import { Module } from '@nestjs/common';
import { PullRequestsController } from './pull-requests.controller';
import { PullRequestsService } from './pull-requests.service';

/** A task's pull request, and merging a local-forge one. */
@Module({ controllers: [PullRequestsController], providers: [PullRequestsService] })
export class PullRequestsModule {}
