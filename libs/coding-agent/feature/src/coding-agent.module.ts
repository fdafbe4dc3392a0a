import { type DynamicModule, Module } from '@nestjs/common';
import { CodingAgentController } from './coding-agent.controller';
import { CODING_AGENT_OPTIONS, type CodingAgentOptions } from './coding-agent.options';

@Module({})
export class CodingAgentModule {
  static forRoot(options: CodingAgentOptions): DynamicModule {
    return { module: CodingAgentModule, controllers: [CodingAgentController], providers: [{ provide: CODING_AGENT_OPTIONS, useValue: options }] };
  }
}
