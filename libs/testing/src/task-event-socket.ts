import type { TaskEvent } from '@patchbay/contracts';
import WebSocket from 'ws';
import { eventually } from './eventually';
import type { GatewayTestApp } from './gateway-test-app';

/** A WebSocket client of a gateway's `/ws`, as a spec sees it: task events in arrival order, other messages on request. */
export interface TaskEventSocket {
  socket: WebSocket;
  /** Every `task_event` received, in arrival order. */
  events: TaskEvent[];
  /** Resolves once at least `count` task events have arrived (10 s, then fails naming what did arrive). */
  waitFor(count: number): Promise<void>;
  /** The data of the next message of this kind (`subscribed`, `error` …), taken off the inbox. */
  next(event: string): Promise<unknown>;
}

/** The `ws://` address of a listening gateway test app. */
export async function webSocketUrlOf(gateway: GatewayTestApp): Promise<string> {
  return (await gateway.app.getUrl()).replace('http', 'ws').replace('[::1]', '127.0.0.1');
}

/** Opens `<url>/ws?<query>` and resolves once the socket is open. */
export async function connectTaskEventSocket(url: string, query: string): Promise<TaskEventSocket> {
  const socket = new WebSocket(`${url}/ws?${query}`);
  const received: TaskEvent[] = [];
  const inbox: Array<{ event: string; data: unknown }> = [];
  socket.on('message', (raw) => {
    const message = JSON.parse(String(raw)) as { event: string; data: unknown };
    if (message.event === 'task_event') received.push(message.data as TaskEvent);
    else inbox.push(message);
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const poll = (ready: () => boolean, what: string) =>
    eventually(
      () => {
        if (!ready())
          throw new Error(
            `${received.length} events and ${inbox.map((m) => m.event).join(', ') || 'no other messages'} so far`,
          );
      },
      { description: `the client receives ${what}`, timeoutMs: 10_000, intervalMs: 10 },
    );
  return {
    socket,
    events: received,
    waitFor: (count) => poll(() => received.length >= count, `${count} events`),
    next: async (event) => {
      await poll(() => inbox.some((m) => m.event === event), event);
      return inbox.splice(
        inbox.findIndex((m) => m.event === event),
        1,
      )[0].data;
    },
  };
}
