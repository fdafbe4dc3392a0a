import { Logger } from '@nestjs/common';
import { RequestAnswerer, TaskCancellations } from '@patchbay/agent-runtime';
import { InProcessBus } from '@patchbay/bus';
import type { CodingResult } from '@patchbay/contracts';
import { CodingAgentController } from './coding-agent.controller';
import type { CodingRoundService } from './coding-round.service';
import type { ResearchRequester } from './research.requester';
import { GREETER_CODING_STEP } from './testing/coding-step-command';

const REQUEST = GREETER_CODING_STEP;

describe('CodingAgentController', () => {
  it('logs a reply it cannot publish (the bus closed while the round ran) instead of leaving the rejection unhandled', async () => {
    const bus = new InProcessBus();
    const logger = new Logger('spec');
    let finishRound!: () => void;
    const roundDone = new Promise<void>((resolve) => (finishRound = resolve));
    const rounds = { run: () => roundDone.then(() => ({}) as CodingResult) } as unknown as CodingRoundService;
    const controller = new CodingAgentController(
      new RequestAnswerer(bus),
      new TaskCancellations(bus, logger, 'coder'),
      rounds,
      {} as ResearchRequester,
    );
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      controller.onRunCodingStep(REQUEST);
      await bus.close();
      finishRound();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
      expect(warn).toHaveBeenCalledWith(
        `the coding reply for task ${REQUEST.taskId} was not published: the message bus is closed`,
      );
    } finally {
      process.off('unhandledRejection', onUnhandled);
      warn.mockRestore();
    }
  });
});
