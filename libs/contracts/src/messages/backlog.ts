import { z } from 'zod';

/**
 * gateway → supervisor: answer a person's message in a backlog conversation with a proposed
 * patch (or a failure saying why none could be made). The supervisor reads the project, its tree
 * and the conversation from the database; the message names which ones.
 */
export const proposeBacklogPatchCommandSchema = z.object({
  organisationId: z.uuid(),
  projectId: z.uuid(),
  conversationId: z.uuid(),
  /** The person's message to answer. */
  messageId: z.uuid(),
  requestedBy: z.uuid(),
});
export type ProposeBacklogPatchCommand = z.infer<typeof proposeBacklogPatchCommandSchema>;
