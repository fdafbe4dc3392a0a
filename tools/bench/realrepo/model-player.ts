import type { ChatCompletionRequest, FakeChatReply } from '@patchbay/testing';

/** The stand-in model's side of one task: an answer to each chat-completions request the platform sends. */
export interface ModelPlayer {
  reply(request: ChatCompletionRequest): FakeChatReply;
}
