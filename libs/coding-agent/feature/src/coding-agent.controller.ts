import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { RequestAnswerer, TaskCancellations } from '@patchbay/agent-runtime';
import { acceptMessage } from '@patchbay/bus';
import { MessagePatterns, runCodingStepCommandSchema } from '@patchbay/contracts';
import { CodingRoundService } from './coding-round.service';
import { ResearchRequester } from './research.requester';

/** The coding agent's bus endpoint: one request is one round of the ReAct loop on the task's sandbox. */
@Controller()
export class CodingAgentController {
  private readonly logger = new Logger(CodingAgentController.name);

  constructor(
    private readonly answerer: RequestAnswerer,
    private readonly cancellations: TaskCancellations,
    private readonly rounds: CodingRoundService,
    private readonly research: ResearchRequester,
  ) {}

  /** Answers to the research tool calls this agent's coding loops made. */
  @EventPattern(MessagePatterns.ResearchAnswered)
  onResearchAnswered(@Payload() payload: unknown): void {
    this.research.settle(payload);
  }

  @EventPattern(MessagePatterns.RunCodingStep)
  onRunCodingStep(@Payload() payload: unknown): void {
    const request = acceptMessage(runCodingStepCommandSchema, payload, this.logger, 'coding request');
    if (!request) return;
    // Answered asynchronously: a coding round can outlast the broker's delivery timeout, and the
    // supervisor's own timeout and retry cover a lost answer, so a reply that cannot be published
    // (the bus closing on shutdown, a broker away too long) is logged, not left unhandled.
    this.answerer
      .answer(MessagePatterns.RunCodingStep, request, () =>
        this.cancellations.run(request.taskId, (signal) => this.rounds.run(request, signal)),
      )
      .catch((error: unknown) =>
        this.logger.warn(
          `the coding reply for task ${request.taskId} was not published: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
  }
}
