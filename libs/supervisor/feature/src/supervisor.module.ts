import { Module } from '@nestjs/common';
import { TaskIntakeController } from './task-intake.controller';

@Module({ controllers: [TaskIntakeController] })
export class SupervisorModule {}
