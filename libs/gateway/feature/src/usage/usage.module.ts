import { Module } from '@nestjs/common';
import { UsageConsumerController } from './usage-consumer.controller';
import { UsageService } from './usage.service';

/** Model usage the agents report over the bus. */
@Module({ controllers: [UsageConsumerController], providers: [UsageService] })
export class UsageModule {}
