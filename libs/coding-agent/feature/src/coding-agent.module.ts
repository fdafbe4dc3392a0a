import { type DynamicModule, Module } from '@nestjs/common';
import { RequestAnswerer, taskCancellationsProvider } from '@patchbay/agent-runtime';
import { MESSAGE_BUS, type MessageBus } from '@patchbay/bus';
import { CodingAgentController } from './coding-agent.controller';
import { CODING_AGENT_OPTIONS, type CodingAgentOptions } from './coding-agent.options';
import { CodingRoundService } from './coding-round.service';
import { ResearchRequester } from './research.requester';
import { taskConstraintNoticesProvider } from './task-constraint-notices.provider';

/** The coding agent's handlers. Needs MESSAGE_BUS from the host (AgentServiceModule provides it). */
@Module({})
export class CodingAgentModule {
  static forRoot(options: CodingAgentOptions): DynamicModule {
    return {
      module: CodingAgentModule,
      controllers: [CodingAgentController],
      providers: [
        { provide: CODING_AGENT_OPTIONS, useValue: options },
        {
          provide: ResearchRequester,
          useFactory: (bus: MessageBus) => new ResearchRequester(bus, options.researchTimeoutMs),
          inject: [MESSAGE_BUS],
        },
        RequestAnswerer,
        taskCancellationsProvider('coding-agent'),
        taskConstraintNoticesProvider,
        CodingRoundService,
      ],
    };
  }
}
