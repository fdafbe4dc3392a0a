import type { TaskEvent } from '@patchbay/contracts';

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'closed';

export interface TaskEventStreamOptions {
  taskId: string;
  token: string;
  /** Read at every (re)subscription: the highest seq the client holds, so the replay has no gaps or repeats. */
  resumeAfter: () => number;
  onEvent: (event: TaskEvent) => void;
  onStateChange: (state: StreamState) => void;
  onError: (message: string) => void;
  /** Close code 4401: the session is no longer valid. */
  onSessionInvalid: () => void;
}

const SESSION_INVALID = 4401;
const MAX_BACKOFF_MS = 10_000;
/**
 * The gateway authenticates a socket asynchronously after accepting it, so a subscribe sent right
 * on `open` can be refused ("not signed in") before authentication completes. Refused subscribes
 * are sent again a few times before the refusal is shown.
 */
const SUBSCRIBE_ATTEMPTS = 6;
const SUBSCRIBE_RETRY_MS = 200;

interface ServerMessage {
  event: string;
  data: unknown;
}

function isServerMessage(value: unknown): value is ServerMessage {
  return typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)['event'] === 'string';
}

export function taskEventSocketUrl(token: string, location: Location = window.location): string {
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${location.host}/ws?token=${encodeURIComponent(token)}`;
}

/**
 * One task's live events over `/ws`, reconnecting with backoff after a dropped connection and
 * resubscribing after the last seq held.
 */
export class TaskEventStream {
  private socket: WebSocket | null = null;
  private attempts = 0;
  private retryTimer: number | undefined;
  private stopped = false;
  private subscribed = false;
  private subscribeAttempts = 0;
  private subscribeTimer: number | undefined;

  constructor(private readonly options: TaskEventStreamOptions) {}

  start(): void {
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    window.clearTimeout(this.retryTimer);
    window.clearTimeout(this.subscribeTimer);
    this.socket?.close(1000, 'done');
    this.socket = null;
    this.options.onStateChange('closed');
  }

  private connect(): void {
    this.options.onStateChange(this.attempts === 0 ? 'connecting' : 'reconnecting');
    const socket = new WebSocket(taskEventSocketUrl(this.options.token));
    this.socket = socket;
    this.subscribed = false;
    this.subscribeAttempts = 0;
    socket.addEventListener('open', () => this.subscribe(socket));
    socket.addEventListener('message', (message) => this.handleMessage(message));
    socket.addEventListener('close', (closeEvent) => {
      if (this.socket !== socket || this.stopped) return;
      this.socket = null;
      window.clearTimeout(this.subscribeTimer);
      if (closeEvent.code === SESSION_INVALID) {
        this.stopped = true;
        this.options.onStateChange('closed');
        this.options.onSessionInvalid();
        return;
      }
      this.scheduleReconnect();
    });
  }

  private handleMessage(message: MessageEvent): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(String(message.data));
    } catch {
      return;
    }
    if (!isServerMessage(parsed)) return;
    if (parsed.event === 'task_event') this.options.onEvent(parsed.data as TaskEvent);
    else if (parsed.event === 'subscribed') {
      this.attempts = 0;
      this.subscribed = true;
      this.options.onStateChange('live');
    } else if (parsed.event === 'error') {
      const data = parsed.data as { message?: unknown } | null;
      const text = typeof data?.message === 'string' ? data.message : 'The event stream reported an error';
      const socket = this.socket;
      if (!this.subscribed && socket && this.subscribeAttempts < SUBSCRIBE_ATTEMPTS) {
        this.subscribeTimer = window.setTimeout(
          () => this.subscribe(socket),
          SUBSCRIBE_RETRY_MS * this.subscribeAttempts,
        );
        return;
      }
      this.options.onError(text);
    }
  }

  /** Subscribing again is safe: the server restarts the stream after the seq given, and the client de-duplicates by seq. */
  private subscribe(socket: WebSocket): void {
    if (this.socket !== socket || socket.readyState !== WebSocket.OPEN) return;
    this.subscribeAttempts += 1;
    socket.send(
      JSON.stringify({ event: 'subscribe', data: { taskId: this.options.taskId, after: this.options.resumeAfter() } }),
    );
  }

  private scheduleReconnect(): void {
    this.attempts += 1;
    this.options.onStateChange('reconnecting');
    const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** Math.min(this.attempts - 1, 6));
    this.retryTimer = window.setTimeout(() => this.connect(), delay);
  }
}
