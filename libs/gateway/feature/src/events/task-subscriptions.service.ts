import { Injectable } from '@nestjs/common';
import { EVENT_SEQ_MAX, type TaskEvent } from '@patchbay/contracts';
import { describeZodError } from '@patchbay/nest-common';
import { OrganisationRepository } from '@patchbay/persistence';
import { z } from 'zod';
import { SessionTokenService } from '../auth/session-token.service';
import { TaskEventsService } from './task-events.service';
import { TaskStream } from './task-stream';

const subscribeSchema = z.strictObject({
  taskId: z.uuid('taskId must be a UUID'),
  /** Resume after this sequence number (the `seq` of the last event the client holds). */
  after: z.number().int().min(0).max(EVENT_SEQ_MAX).optional(),
  /** Or resume after this event id. */
  afterEventId: z.uuid().optional(),
});

/** Where a subscription starts, or why it is refused (sent back to the client as is). */
export type SubscriptionStart = { taskId: string; after: number } | { refused: string };

/** The rules of a WebSocket subscription to a task's events: who is signed in, which task, from where. */
@Injectable()
export class TaskSubscriptions {
  constructor(
    private readonly events: TaskEventsService,
    private readonly sessions: SessionTokenService,
    private readonly organisations: OrganisationRepository,
  ) {}

  /** The organisation the session token signs into, or null when it is invalid, expired or its membership is gone. */
  async organisationOf(token: string): Promise<string | null> {
    const claims = this.sessions.verify(token);
    const membership = claims
      ? await this.organisations.findMembership(claims.org, claims.sub).catch(() => null)
      : null;
    return claims && membership ? claims.org : null;
  }

  /** A subscribe message from a client of the organisation: a task of that organisation, and the `seq` to replay after. */
  async start(organisationId: string, body: unknown): Promise<SubscriptionStart> {
    const parsed = subscribeSchema.safeParse(body);
    if (!parsed.success) return { refused: describeZodError(parsed.error) };
    const { taskId } = parsed.data;
    if ((await this.events.organisationOfTask(taskId)) !== organisationId)
      return { refused: `no task with id ${taskId}` };
    if (!parsed.data.afterEventId) return { taskId, after: parsed.data.after ?? 0 };
    const position = await this.events.seqOfEvent(parsed.data.afterEventId);
    if (!position || position.taskId !== taskId)
      return { refused: `no event ${parsed.data.afterEventId} in task ${taskId}` };
    return { taskId, after: position.seq };
  }

  /** The task's events after `after`, replayed then live, each once and in order (TaskStream). */
  stream(taskId: string, after: number, send: (event: TaskEvent) => void): TaskStream {
    return new TaskStream(this.events, taskId, after, send);
  }
}
