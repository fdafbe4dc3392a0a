import { type DynamicModule, Module } from '@nestjs/common';
import { BacklogPlanningService } from './backlog-planning.service';
import { ChangeExplanationService } from './change-explanation.service';
import { PipelineController } from './pipeline.controller';
import { SUPERVISOR_OPTIONS, type SupervisorOptions } from './supervisor.options';
import { TaskPipelineService } from './task-pipeline.service';

/** The supervisor: the LangGraph task pipeline behind the bus. Needs PersistenceModule and BusModule. */
@Module({})
export class SupervisorModule {
  static forRoot(options: SupervisorOptions): DynamicModule {
    return {
      module: SupervisorModule,
      controllers: [PipelineController],
      providers: [
        { provide: SUPERVISOR_OPTIONS, useValue: options },
        TaskPipelineService,
        ChangeExplanationService,
        BacklogPlanningService,
      ],
      exports: [TaskPipelineService],
    };
  }
}
