import { Module } from '@nestjs/common';
import { PublishController } from './publish.controller';

/** The github agent; today it publishes to the local forge (GitHub itself arrives with the GitHub App). */
@Module({ controllers: [PublishController] })
export class GithubAgentModule {}
