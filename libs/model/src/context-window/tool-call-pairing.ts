import { AIMessage, type BaseMessage, ToolMessage } from '@langchain/core/messages';

/**
 * What the chat-completions API would refuse about the tool calls of a conversation: every tool
 * message must answer a tool call of the assistant message just before it (only tool messages in
 * between), and every tool call must be answered before the next non-tool message.
 * Returns the problems in words; an empty list means the pairing is valid.
 */
export function findToolCallPairingProblems(messages: readonly BaseMessage[]): string[] {
  const problems: string[] = [];
  let open: { index: number; pending: Set<string> } | undefined;

  const close = (): void => {
    if (open && open.pending.size > 0) {
      problems.push(
        `message ${open.index}: tool call(s) ${[...open.pending].join(', ')} have no tool message answering them`,
      );
    }
    open = undefined;
  };

  messages.forEach((message, index) => {
    if (ToolMessage.isInstance(message)) {
      if (!open) {
        problems.push(
          `message ${index}: tool message for ${message.tool_call_id} does not follow an assistant message with tool calls`,
        );
      } else if (!open.pending.delete(message.tool_call_id)) {
        problems.push(
          `message ${index}: tool message for ${message.tool_call_id} answers no open tool call of message ${open.index}`,
        );
      }
      return;
    }
    close();
    if (AIMessage.isInstance(message) && (message.tool_calls?.length ?? 0) > 0) {
      open = { index, pending: new Set((message.tool_calls ?? []).map((call) => call.id ?? '')) };
    }
  });
  close();
  return problems;
}
