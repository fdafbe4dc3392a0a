import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { RequestAnswerer } from '@patchbay/agent-runtime';
import { acceptMessage } from '@patchbay/bus';
import { MessagePatterns, researchQuerySchema } from '@patchbay/contracts';
import { ResearchService } from './research.service';

/** Where research tool calls arrive; the answer goes to the pattern the asker waits on. */
@Controller()
export class ResearchAgentController {
  private readonly logger = new Logger(ResearchAgentController.name);

  constructor(
    private readonly answerer: RequestAnswerer,
    private readonly research: ResearchService,
  ) {}

  @EventPattern(MessagePatterns.ResearchQuery)
  async onResearchQuery(@Payload() payload: unknown): Promise<void> {
    const request = acceptMessage(researchQuerySchema, payload, this.logger, 'research query');
    if (!request) return;
    const replyPattern =
      request.replyTo === 'coding-agent' ? MessagePatterns.ResearchAnswered : MessagePatterns.AgentReplied;
    await this.answerer.answer(
      MessagePatterns.ResearchQuery,
      request,
      () => this.research.run(request.query),
      replyPattern,
    );
  }
}
