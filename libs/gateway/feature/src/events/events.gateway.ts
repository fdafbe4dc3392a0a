import type { IncomingMessage } from 'node:http';
import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { WebSocket } from 'ws';
import type { TaskStream } from './task-stream';
import { TaskSubscriptions } from './task-subscriptions.service';

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

  constructor(private readonly subscriptions: TaskSubscriptions) {}

  handleConnection(client: WebSocket, request: IncomingMessage): void {
    const token = new URL(request.url ?? '/', 'http://localhost').searchParams.get('token') ?? '';
    const organisation = this.subscriptions.organisationOf(token).then((organisationId) => {
      // 4401: the WebSocket analogue of HTTP 401, so clients know to sign in again.
      if (!organisationId) client.close(4401, 'session invalid or expired');
      return organisationId;
    });
    this.clients.set(client, { organisation, streams: new Map() });
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
    const start = await this.subscriptions.start(organisationId, body);
    if ('refused' in start) return this.sendError(client, start.refused);
    const { taskId, after } = start;
    state.streams.get(taskId)?.close();
    const stream = this.subscriptions.stream(taskId, after, (event) => this.send(client, 'task_event', event));
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
