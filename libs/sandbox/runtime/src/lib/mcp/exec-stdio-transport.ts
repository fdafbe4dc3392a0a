import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { RawExecHandle } from '../container-manager.service';
import { OutputBuffer } from '../output-buffer';

/** Starts the server's process inside the sandbox with the given output hooks and stdin kept open. */
export type OpenExec = (hooks: {
  onStdout: (chunk: Buffer) => void;
  onStderr: (chunk: Buffer) => void;
}) => Promise<RawExecHandle>;

const STDERR_TAIL_BYTES = 4_096;

/**
 * MCP's stdio transport over a process inside a sandbox: newline-delimited JSON-RPC written to the
 * exec's stdin and read from its stdout. The SDK's StdioClientTransport spawns a local process,
 * which would run the server on the host. Whatever the server writes is untrusted: a line longer
 * than `maxMessageBytes` or one that is not a JSON-RPC message ends the connection, and `failure`
 * says why, so the session can cut the server off instead of guessing.
 */
export class ExecStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  /** Why the connection ended, when the server (not we) ended it; null while it is open or when closed by us. */
  failure: string | null = null;
  private readonly readBuffer: ReadBuffer;
  private readonly stderr = new OutputBuffer(STDERR_TAIL_BYTES);
  private handle: RawExecHandle | null = null;
  private closed = false;

  constructor(
    private readonly open: OpenExec,
    maxMessageBytes: number,
  ) {
    this.readBuffer = new ReadBuffer({ maxBufferSize: maxMessageBytes });
  }

  async start(): Promise<void> {
    this.handle = await this.open({
      onStdout: (chunk) => this.receive(chunk),
      onStderr: (chunk) => this.stderr.append(chunk),
    });
    void this.handle.done.then((exitCode) => {
      if (this.closed) return;
      this.fail(`the server exited${exitCode === null ? '' : ` with code ${exitCode}`}${this.stderrNote()}`);
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.handle?.stdin;
    if (this.closed || !stdin || stdin.destroyed) return Promise.reject(new Error('the MCP server is not running'));
    return new Promise((resolve, reject) => {
      stdin.write(serializeMessage(message), (error) => (error ? reject(error) : resolve()));
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.readBuffer.clear();
    this.handle?.abort();
    this.onclose?.();
  }

  /** The last lines the server wrote to stderr, for the reason a crash is reported with. */
  stderrTail(): string {
    return this.stderr.toString().trim();
  }

  private receive(chunk: Buffer): void {
    if (this.closed) return;
    try {
      this.readBuffer.append(chunk);
      for (let message = this.readBuffer.readMessage(); message; message = this.readBuffer.readMessage()) {
        this.onmessage?.(message);
        if (this.closed) return;
      }
    } catch (error) {
      const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
      this.fail(
        /exceeded maximum size/.test(detail)
          ? `the server sent a message larger than the limit (${detail})`
          : `the server wrote something that is not a JSON-RPC message (${detail?.slice(0, 200)})`,
      );
    }
  }

  private fail(reason: string): void {
    if (this.closed) return;
    this.failure = reason;
    this.onerror?.(new Error(reason));
    void this.close();
  }

  private stderrNote(): string {
    const tail = this.stderrTail();
    return tail ? `; its last output: ${tail.slice(-500)}` : '';
  }
}
