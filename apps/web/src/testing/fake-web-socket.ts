/**
 * A WebSocket the spec drives by hand: it records what the client sends and lets the spec open,
 * feed and drop the connection, as the gateway's `/ws` would.
 */
export class FakeWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  /** Every socket the client created, oldest first. */
  static instances: FakeWebSocket[] = [];

  readyState = FakeWebSocket.CONNECTING;
  readonly sent: unknown[] = [];
  private readonly listeners = new Map<string, Array<(event: unknown) => void>>();

  constructor(readonly url: string) {
    FakeWebSocket.instances.push(this);
  }

  static latest(): FakeWebSocket {
    const socket = FakeWebSocket.instances.at(-1);
    if (!socket) throw new Error('the client opened no WebSocket');
    return socket;
  }

  static install(): void {
    FakeWebSocket.instances = [];
    Object.defineProperty(window, 'WebSocket', { value: FakeWebSocket, configurable: true, writable: true });
  }

  addEventListener(type: string, listener: (event: unknown) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data) as unknown);
  }

  close(code = 1000): void {
    if (this.readyState === FakeWebSocket.CLOSED) return;
    this.readyState = FakeWebSocket.CLOSED;
    this.emit('close', { code });
  }

  // ---- driven by the spec, as the server ----

  open(): void {
    this.readyState = FakeWebSocket.OPEN;
    this.emit('open', {});
  }

  receive(event: string, data: unknown): void {
    this.emit('message', { data: JSON.stringify({ event, data }) });
  }

  /** The connection drops (proxy restart, network): the client should reconnect. */
  drop(): void {
    this.readyState = FakeWebSocket.CLOSED;
    this.emit('close', { code: 1006 });
  }

  private emit(type: string, event: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}
