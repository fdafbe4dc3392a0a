/**
 * The benchmark's OpenAI-compatible model server: the shared fake chat-completions server (real
 * HTTP, request validation, streaming, tool calls) with every reply chosen by the scenario player
 * of the task being run. Tasks run one at a time, so one player is active at a time.
 */
import { startFakeChatCompletionsServer, type ChatCompletionRequest, type FakeChatReply } from '@patchbay/testing';
import type { ModelPlayer } from './model-player';

export interface StandInModelServer {
  /** Ends in `/v1`, like OPENAI_BASE_URL. */
  readonly baseUrl: string;
  /** The player that answers from now on (null: every request is refused, so a stray call shows). */
  play(player: ModelPlayer | null): void;
  close(): Promise<void>;
}

// The fake server answers from a queue of steps; each step here only hands the request to the
// active player, so the queue just has to outlast the run (a task makes a few dozen calls at most).
const DELEGATING_STEPS = 100_000;

export async function startStandInModelServer(): Promise<StandInModelServer> {
  let active: ModelPlayer | null = null;
  const answer = (request: ChatCompletionRequest): FakeChatReply =>
    active ? active.reply(request) : { kind: 'error', status: 400, message: 'no benchmark scenario is being played' };
  const server = await startFakeChatCompletionsServer(Array.from({ length: DELEGATING_STEPS }, () => answer));
  return {
    baseUrl: server.baseUrl,
    play: (player) => {
      active = player;
    },
    close: () => server.close(),
  };
}
