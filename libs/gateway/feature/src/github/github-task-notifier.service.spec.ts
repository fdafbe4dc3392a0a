import { Logger } from '@nestjs/common';
import type { MessageBus } from '@patchbay/bus';
import { MessagePatterns, type TaskEvent } from '@patchbay/contracts';
import type {
  ApprovalRepository,
  GithubRepository,
  PullRequestRepository,
  TaskEventRepository,
} from '@patchbay/persistence';
import { TaskEventsService } from '../events/task-events.service';
import type { GatewayConfig } from '../gateway-config';
import { GithubComments } from './github-comments';
import { GithubTaskNotifier } from './github-task-notifier.service';

const TASK_ID = '5b0c8a52-3a3c-4d0e-9f59-0a6e4f3b1c11';
const LINK = { installationId: '42', repository: 'acme/greeter', threadNumber: 7 };

function pausedEvent(seq: number): TaskEvent {
  return {
    id: `00000000-0000-4000-8000-00000000000${seq}`,
    seq,
    at: new Date(0).toISOString(),
    taskId: TASK_ID,
    type: 'status_changed',
    agent: 'supervisor',
    payload: { from: 'validating', to: 'paused' },
  };
}

/** Lets the notifier's detached reaction to a broadcast finish. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('GithubTaskNotifier as a task event subscriber', () => {
  const published: Array<{ pattern: string; message: unknown }> = [];
  const bus = {
    publish: async (pattern: string, message: unknown) => void published.push({ pattern, message }),
  } as unknown as MessageBus;
  let findLink: () => Promise<typeof LINK | null>;
  let events: TaskEventsService;
  let notifier: GithubTaskNotifier;

  beforeEach(() => {
    published.length = 0;
    findLink = async () => LINK;
    events = new TaskEventsService({} as TaskEventRepository);
    const store = { findLink: () => findLink() } as unknown as GithubRepository;
    notifier = new GithubTaskNotifier(
      { PUBLIC_URL: 'https://patchbay.example' } as GatewayConfig,
      bus,
      events,
      store,
      {} as ApprovalRepository,
      {} as PullRequestRepository,
    );
    notifier.onModuleInit();
  });

  afterEach(() => notifier.onModuleDestroy());

  it('comments on the task’s thread when any event it cares about is broadcast, without being called', async () => {
    events.broadcast(pausedEvent(1));
    await settle();
    expect(published).toEqual([
      {
        pattern: MessagePatterns.GithubCommentRequested,
        message: {
          installationId: 42,
          repository: 'acme/greeter',
          threadNumber: 7,
          body: GithubComments.paused(`https://patchbay.example/tasks/${TASK_ID}`),
          taskId: TASK_ID,
        },
      },
    ]);
  });

  it('logs a failure instead of throwing into whoever broadcast the event', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    findLink = () => Promise.reject(new Error('connection terminated'));
    expect(() => events.broadcast(pausedEvent(2))).not.toThrow();
    await settle();
    expect(published).toEqual([]);
    expect(logged).toHaveBeenCalledWith(
      expect.objectContaining({
        msg: 'could not prepare a GitHub comment',
        taskId: TASK_ID,
        error: 'connection terminated',
      }),
    );
    logged.mockRestore();
  });

  it('stops listening when the module is destroyed', async () => {
    notifier.onModuleDestroy();
    events.broadcast(pausedEvent(3));
    await settle();
    expect(published).toEqual([]);
  });
});
