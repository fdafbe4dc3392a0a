import { InProcessBus, type BusMessage } from '@patchbay/bus';
import { MessagePatterns, type ResearchQuery } from '@patchbay/contracts';
import { ResearchRequester } from './research.requester';

const TASK = '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

describe('ResearchRequester', () => {
  it('rejects after its timeout when no research agent answers', async () => {
    const bus = new InProcessBus();
    const requester = new ResearchRequester(bus, 100);
    await expect(requester.ask(TASK, { tool: 'package_info', name: 'semver', ecosystem: 'npm' })).rejects.toThrow(
      'no answer within 0 s',
    );
    await bus.close();
  });

  it('asks with replyTo coding-agent and resolves with the answer that carries its request id', async () => {
    const bus = new InProcessBus();
    const requester = new ResearchRequester(bus, 5_000);
    await bus.consume(
      'research-agent',
      new Map([
        [
          MessagePatterns.ResearchQuery,
          async (message: BusMessage) => {
            const query = message.payload as ResearchQuery;
            expect(query.replyTo).toBe('coding-agent');
            requester.settle({ requestId: 'someone-else', taskId: TASK, ok: true, result: {} });
            requester.settle({
              requestId: query.requestId,
              taskId: TASK,
              ok: false,
              error: { category: 'transient', message: 'registry down', recoverable: true },
            });
          },
        ],
      ]),
    );
    await expect(requester.ask(TASK, { tool: 'package_advisories', name: 'semver', version: '7.5.1' })).rejects.toThrow(
      'registry down',
    );
    await bus.close();
  });
});
