import { Module } from '@nestjs/common';
import { RepositoriesModule } from '../repositories/repositories.module';
import { TasksModule } from '../tasks/tasks.module';
import { DemoSeederService } from './demo-seeder.service';

/** The offline demo: a sample repository and task, prepared at start-up when DEMO_ENABLED. */
@Module({ imports: [RepositoriesModule, TasksModule], providers: [DemoSeederService] })
export class DemoModule {}
