import { InProcessBus, type BusMessage } from '@patchbay/bus';
import { MessagePatterns, type AgentReply, type BudgetReached, type PublishResult } from '@patchbay/contracts';
import { BudgetExceededError, ModelConfigurationError } from '@patchbay/model/errors';
import { AgentFailure, RequestAnswerer } from './answer-request';

const REACHED: BudgetReached = {
  scope: 'task',
  unit: 'usd',
  spent: 0.0012,
  limit: 0.001,
  message: 'budget reached: $0.0012 of $0.0010 (task budget)',
};

/** The request these specs answer; any pattern would do, its reply type is what the work must return. */
const PUBLISH = MessagePatterns.PublishChanges;
const published = (n: number): PublishResult => ({
  branch: `patchbay/task-${n}`,
  headSha: 'a'.repeat(40),
  filesChanged: ['src/greet.js'],
  pullRequestNumber: null,
  url: null,
});

/** What the supervisor receives: the replies on its queue, in order. */
async function supervisorInbox(bus: InProcessBus): Promise<{ next(): Promise<AgentReply> }> {
  const arrived: AgentReply[] = [];
  const waiters: Array<(reply: AgentReply) => void> = [];
  await bus.consume(
    'supervisor',
    new Map([
      [
        MessagePatterns.AgentReplied,
        async (message: BusMessage) => {
          const reply = message.payload as AgentReply;
          const waiter = waiters.shift();
          if (waiter) waiter(reply);
          else arrived.push(reply);
        },
      ],
    ]),
  );
  return {
    next: () =>
      arrived.length > 0 ? Promise.resolve(arrived.shift()!) : new Promise((resolve) => waiters.push(resolve)),
  };
}

/** The reply categories tell the supervisor whether to retry, pause for a person, or give up. */
describe('RequestAnswerer', () => {
  let bus: InProcessBus;
  let answerer: RequestAnswerer;
  let inbox: { next(): Promise<AgentReply> };

  beforeEach(async () => {
    bus = new InProcessBus();
    answerer = new RequestAnswerer(bus);
    inbox = await supervisorInbox(bus);
  });

  afterEach(() => bus.close());

  it('replies with the work’s result', async () => {
    await answerer.answer(PUBLISH, { requestId: 'r1', taskId: 't1' }, async () => published(1));
    expect(await inbox.next()).toEqual({ requestId: 'r1', taskId: 't1', ok: true, result: published(1) });
  });

  it('reports a model setup a person must change as user-correctable, and a reached budget with the budget', async () => {
    await answerer.answer(PUBLISH, { requestId: 'r2', taskId: 't1' }, async () => {
      throw new ModelConfigurationError('OPENAI_API_KEY is not set');
    });
    await answerer.answer(PUBLISH, { requestId: 'r3', taskId: 't1' }, async () => {
      throw new BudgetExceededError(REACHED);
    });
    expect((await inbox.next()).error).toEqual({
      category: 'user_correctable',
      message: 'OPENAI_API_KEY is not set',
      recoverable: true,
    });
    expect((await inbox.next()).error).toEqual({
      category: 'user_correctable',
      message: REACHED.message,
      recoverable: true,
      budget: REACHED,
    });
  });

  it('keeps an agent’s own category, and takes anything unexpected as transient', async () => {
    await answerer.answer(PUBLISH, { requestId: 'r4', taskId: 't1' }, async () => {
      throw new AgentFailure('security', 'the diff holds a credential');
    });
    await answerer.answer(PUBLISH, { requestId: 'r5', taskId: 't1' }, async () => {
      throw new Error('socket hang up');
    });
    expect((await inbox.next()).error).toEqual({
      category: 'security',
      message: 'the diff holds a credential',
      recoverable: false,
    });
    expect((await inbox.next()).error).toEqual({ category: 'transient', message: 'socket hang up', recoverable: true });
  });

  it('answers a redelivered request from memory instead of doing the work again', async () => {
    let runs = 0;
    const work = async () => published(++runs);
    await answerer.answer(PUBLISH, { requestId: 'r6', taskId: 't1' }, work);
    await answerer.answer(PUBLISH, { requestId: 'r6', taskId: 't1' }, work);
    expect([await inbox.next(), await inbox.next()]).toEqual([
      { requestId: 'r6', taskId: 't1', ok: true, result: published(1) },
      { requestId: 'r6', taskId: 't1', ok: true, result: published(1) },
    ]);
    expect(runs).toBe(1);
  });
});
