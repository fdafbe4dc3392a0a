import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { z } from 'zod';

/**
 * A real HTTP server speaking the OpenAI chat-completions protocol, for tests of the `openai`
 * provider and of whole task flows without a model endpoint. It checks requests the way the real
 * API does (shape, tool definitions, tool-call/tool-result pairing) and answers from a queue.
 */

export interface FakeUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface FakeToolCall {
  id?: string;
  name: string;
  /** An object is sent JSON-encoded; a string is sent as is (to test malformed arguments). */
  arguments: Record<string, unknown> | string;
}

export type FakeChatReply =
  | { kind: 'text'; content: string; usage?: FakeUsage }
  | { kind: 'tool_calls'; toolCalls: FakeToolCall[]; content?: string; usage?: FakeUsage }
  | { kind: 'error'; status: number; message?: string; headers?: Record<string, string> }
  /** Accepts the request and never answers, so the client's timeout has to fire. */
  | { kind: 'hang' }
  /** Drops the connection without an answer. */
  | { kind: 'reset' };

/**
 * A reply, or a function choosing one from the request (for multi-step flows); an async function
 * holds the answer until it settles, so a spec can act while the client waits for the model.
 */
export type FakeChatStep = FakeChatReply | ((request: ChatCompletionRequest) => FakeChatReply | Promise<FakeChatReply>);

const toolCallSchema = z.object({
  id: z.string().min(1),
  type: z.literal('function'),
  function: z.object({ name: z.string().min(1), arguments: z.string() }),
});

const messageSchema = z.discriminatedUnion('role', [
  z
    .object({ role: z.enum(['system', 'developer', 'user']), content: z.union([z.string(), z.array(z.unknown())]) })
    .loose(),
  z
    .object({
      role: z.literal('assistant'),
      content: z.union([z.string(), z.array(z.unknown()), z.null()]).optional(),
      tool_calls: z.array(toolCallSchema).optional(),
    })
    .loose(),
  z
    .object({
      role: z.literal('tool'),
      tool_call_id: z.string().min(1),
      content: z.union([z.string(), z.array(z.unknown())]),
    })
    .loose(),
]);

export const chatCompletionRequestSchema = z
  .object({
    model: z.string().min(1),
    messages: z.array(messageSchema).min(1),
    tools: z
      .array(
        z.object({
          type: z.literal('function'),
          function: z.object({
            name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/),
            description: z.string().optional(),
            parameters: z.record(z.string(), z.unknown()).optional(),
          }),
        }),
      )
      .optional(),
    tool_choice: z.unknown().optional(),
    stream: z.boolean().optional(),
    stream_options: z.object({ include_usage: z.boolean().optional() }).loose().nullable().optional(),
  })
  .loose();

export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;

export interface RecordedChatRequest {
  /** `performance.now()` when the request arrived, to measure backoff between attempts. */
  at: number;
  path: string;
  authorization?: string;
  /** The parsed body when it passed validation. */
  body?: ChatCompletionRequest;
  /** Why the request was refused with a 400, if it was. */
  rejection?: string;
  /** Set when the client gave up on a `hang` reply (its timeout fired) and closed the connection. */
  abandonedByClient?: boolean;
}

export interface FakeChatCompletionsServer {
  /** Ends in `/v1`, like OPENAI_BASE_URL. */
  readonly baseUrl: string;
  readonly requests: RecordedChatRequest[];
  /** Replies still queued. */
  pending(): number;
  enqueue(...steps: FakeChatStep[]): void;
  close(): Promise<void>;
}

const CHAT_PATHS = new Set(['/v1/chat/completions', '/chat/completions']);

/** Starts the server on 127.0.0.1 with an ephemeral port. */
export async function startFakeChatCompletionsServer(steps: FakeChatStep[] = []): Promise<FakeChatCompletionsServer> {
  const queue: FakeChatStep[] = [...steps];
  const requests: RecordedChatRequest[] = [];
  let completionCount = 0;

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, `fake server failure: ${(error as Error).message}`);
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!CHAT_PATHS.has(path)) return sendError(res, 404, `Unknown path ${req.method} ${path}`, 'not_found');
    if (req.method !== 'POST') return sendError(res, 405, `${req.method} is not allowed on ${path}`);
    const recorded: RecordedChatRequest = { at: performance.now(), path, authorization: req.headers.authorization };
    requests.push(recorded);

    const rejection = (message: string): void => {
      recorded.rejection = message;
      sendError(res, 400, message);
    };
    if (!(req.headers['content-type'] ?? '').includes('application/json'))
      return rejection('Content-Type must be application/json');
    let json: unknown;
    try {
      json = JSON.parse(await readBody(req));
    } catch {
      return rejection('The request body is not valid JSON');
    }
    const parsed = chatCompletionRequestSchema.safeParse(json);
    if (!parsed.success) {
      return rejection(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    }
    const pairing = toolPairingProblem(parsed.data);
    if (pairing) return rejection(pairing);
    recorded.body = parsed.data;

    const step = queue.shift();
    if (!step) return rejection('The fake chat-completions server has no scripted reply left');
    const reply = typeof step === 'function' ? await step(parsed.data) : step;
    switch (reply.kind) {
      case 'hang':
        res.on('close', () => {
          recorded.abandonedByClient = true;
        });
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'error':
        return sendError(
          res,
          reply.status,
          reply.message ?? `Injected failure ${reply.status}`,
          undefined,
          reply.headers,
        );
      default: {
        completionCount++;
        const completion = {
          id: `chatcmpl-fake-${completionCount}`,
          created: Math.floor(Date.now() / 1000),
          model: parsed.data.model,
        };
        const usage = reply.usage ?? estimateUsage(parsed.data, reply);
        if (parsed.data.stream)
          return streamCompletion(res, completion, reply, usage, parsed.data.stream_options?.include_usage === true);
        return sendCompletion(res, completion, reply, usage);
      }
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    pending: () => queue.length,
    enqueue: (...more) => void queue.push(...more),
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Hung requests would keep close() waiting forever.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The real API refuses a tool result without its call, and a tool call left without a result. */
function toolPairingProblem(request: ChatCompletionRequest): string | undefined {
  const open = new Set<string>();
  for (const [index, message] of request.messages.entries()) {
    if (message.role === 'tool') {
      if (!open.delete(message.tool_call_id)) {
        return `messages.${index}: tool message answers tool_call_id "${message.tool_call_id}", which no preceding assistant message called`;
      }
      continue;
    }
    if (open.size > 0) {
      return `messages.${index}: an assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id' (missing: ${[...open].join(', ')})`;
    }
    if (message.role === 'assistant') for (const call of message.tool_calls ?? []) open.add(call.id);
  }
  return undefined;
}

type Completion = { id: string; created: number; model: string };
type AnswerReply = Extract<FakeChatReply, { kind: 'text' | 'tool_calls' }>;

function toolCallsOf(reply: AnswerReply, completion: Completion): { id: string; name: string; arguments: string }[] {
  if (reply.kind !== 'tool_calls') return [];
  return reply.toolCalls.map((call, index) => ({
    id: call.id ?? `call_${completion.id}_${index}`,
    name: call.name,
    arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
  }));
}

function usageBody(usage: FakeUsage): Record<string, number> {
  return {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.promptTokens + usage.completionTokens,
  };
}

// Roughly four characters a token, like the tokenisers of the models this stands in for.
function estimateUsage(request: ChatCompletionRequest, reply: AnswerReply): FakeUsage {
  const promptChars = JSON.stringify(request.messages).length;
  const completionChars =
    (reply.content ?? '').length + (reply.kind === 'tool_calls' ? JSON.stringify(reply.toolCalls).length : 0);
  return { promptTokens: Math.ceil(promptChars / 4), completionTokens: Math.max(1, Math.ceil(completionChars / 4)) };
}

function sendCompletion(res: ServerResponse, completion: Completion, reply: AnswerReply, usage: FakeUsage): void {
  const toolCalls = toolCallsOf(reply, completion);
  const body = {
    ...completion,
    object: 'chat.completion',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: reply.content ?? null,
          refusal: null,
          ...(toolCalls.length
            ? {
                tool_calls: toolCalls.map((call) => ({
                  id: call.id,
                  type: 'function',
                  function: { name: call.name, arguments: call.arguments },
                })),
              }
            : {}),
        },
        logprobs: null,
        finish_reason: toolCalls.length ? 'tool_calls' : 'stop',
      },
    ],
    usage: usageBody(usage),
  };
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function chunksOf(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces;
}

function streamCompletion(
  res: ServerResponse,
  completion: Completion,
  reply: AnswerReply,
  usage: FakeUsage,
  includeUsage: boolean,
): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const send = (choices: unknown[], extra: Record<string, unknown> = {}): void => {
    const chunk = {
      ...completion,
      object: 'chat.completion.chunk',
      choices,
      ...(includeUsage ? { usage: null } : {}),
      ...extra,
    };
    res.write(`data: ${JSON.stringify(chunk)}\n\n`);
  };
  const delta = (value: Record<string, unknown>, finishReason: string | null = null): void =>
    send([{ index: 0, delta: value, logprobs: null, finish_reason: finishReason }]);

  delta({ role: 'assistant', content: '' });
  for (const piece of chunksOf(reply.content ?? '', 7)) delta({ content: piece });
  const toolCalls = toolCallsOf(reply, completion);
  for (const [index, call] of toolCalls.entries()) {
    delta({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] });
    for (const piece of chunksOf(call.arguments, 9)) delta({ tool_calls: [{ index, function: { arguments: piece } }] });
  }
  delta({}, toolCalls.length ? 'tool_calls' : 'stop');
  if (includeUsage) send([], { usage: usageBody(usage) });
  res.end('data: [DONE]\n\n');
}

function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  code?: string,
  headers: Record<string, string> = {},
): void {
  const type = status === 429 ? 'rate_limit_exceeded' : status >= 500 ? 'server_error' : 'invalid_request_error';
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ error: { message, type, param: null, code: code ?? null } }));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
