import type { IncomingMessage } from 'node:http';
import { Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, type OnGatewayConnection, type OnGatewayDisconnect, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { EVENT_SEQ_MAX } from '@patchbay/contracts';
import { OrganisationRepository } from '@patchbay/persistence';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { SessionTokenService } from '../auth/session-token.service';
import { describeZodError } from '@patchbay/nest-common';
import { TaskEventsService } from './task-events.service';
import { TaskStream } from './task-stream';

const subscribeSchema = z.strictObject({
  taskId: z.uuid('taskId must be a UUID'),
  /** Resume after this sequence number (the `seq` of the last event the client holds). */
  after: z.number().int().min(0).max(EVENT_SEQ_MAX).optional(),
  /** Or resume after this event id. */
  afterEventId: z.uuid().optional(),
});

interface ClientState {
  /** Resolves to the caller's organisation once the session is checked; messages wait for it. */
  organisation: Promise<string | null>;
  streams: Map<string, TaskStream>;
}

/**
 * WebSocket `/ws`. Connect with `?token=<session token>`; send
 * `{"event":"subscribe","data":{"taskId":"…","after":12}}`; receive `{"event":"task_event","data":…}`.
 */
@WebSocketGateway({ path: '/ws' })
export class EventsGateway implements OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(EventsGateway.name);
  private readonly clients = new WeakMap<WebSocket, ClientState>();

  constructor(
    private readonly events: TaskEventsService,
    private readonly sessions: SessionTokenService,
    private readonly organisations: OrganisationRepository,
  ) {}

  handleConnection(client: WebSocket, request: IncomingMessage): void {
    const token = new URL(request.url ?? '/', 'http://localhost').searchParams.get('token') ?? '';
    const organisation = this.authenticate(token).then((organisationId) => {
      // 4401: the WebSocket analogue of HTTP 401, so clients know to sign in again.
      if (!organisationId) client.close(4401, 'session invalid or expired');
      return organisationId;
    });
    this.clients.set(client, { organisation, streams: new Map() });
  }

  private async authenticate(token: string): Promise<string | null> {
    const claims = this.sessions.verify(token);
    const membership = claims ? await this.organisations.findMembership(claims.org, claims.sub).catch(() => null) : null;
    return claims && membership ? claims.org : null;
  }

  handleDisconnect(client: WebSocket): void {
    for (const stream of this.clients.get(client)?.streams.values() ?? []) stream.close();
    this.clients.delete(client);
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() client: WebSocket, @MessageBody() body: unknown): Promise<void> {
    const state = this.clients.get(client);
    const organisationId = await state?.organisation;
    if (!state || !organisationId) return this.sendError(client, 'not signed in');
    const parsed = subscribeSchema.safeParse(body);
    if (!parsed.success) return this.sendError(client, describeZodError(parsed.error));
    const { taskId } = parsed.data;
    if ((await this.events.organisationOfTask(taskId)) !== organisationId) return this.sendError(client, `no task with id ${taskId}`);

    let after = parsed.data.after ?? 0;
    if (parsed.data.afterEventId) {
      const position = await this.events.seqOfEvent(parsed.data.afterEventId);
      if (!position || position.taskId !== taskId) return this.sendError(client, `no event ${parsed.data.afterEventId} in task ${taskId}`);
      after = position.seq;
    }
    state.streams.get(taskId)?.close();
    const stream = new TaskStream(this.events, taskId, after, (event) => this.send(client, 'task_event', event));
    state.streams.set(taskId, stream);
    const replayed = await stream.start();
    this.send(client, 'subscribed', { taskId, after, replayed });
  }

  @SubscribeMessage('unsubscribe')
  unsubscribe(@ConnectedSocket() client: WebSocket, @MessageBody() body: unknown): void {
    const taskId = typeof body === 'object' && body && 'taskId' in body ? String(body.taskId) : '';
    const state = this.clients.get(client);
    state?.streams.get(taskId)?.close();
    state?.streams.delete(taskId);
  }

  private send(client: WebSocket, event: string, data: unknown): void {
    if (client.readyState === client.OPEN) client.send(JSON.stringify({ event, data }));
  }

  private sendError(client: WebSocket, message: string): void {
    this.logger.debug({ msg: 'websocket request refused', reason: message });
    this.send(client, 'error', { message });
  }
}
