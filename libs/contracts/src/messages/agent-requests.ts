import type { z } from 'zod';
import { MessagePatterns } from '../message-patterns';
import {
  codingResultSchema,
  publishChangesCommandSchema,
  publishResultSchema,
  runCodingStepCommandSchema,
  runValidationCommandSchema,
  validationResultSchema,
} from './pipeline-commands';
import { researchQuerySchema, researchResultSchema } from './research';

/**
 * Every request an agent answers with an AgentReplied (or ResearchAnswered) message: the schema of
 * the request its pattern carries and of the `result` of a successful reply. The caller's reply
 * type follows from the pattern, so asking the testing agent cannot be read as a coding result.
 */
export const AGENT_REQUESTS = {
  [MessagePatterns.RunCodingStep]: { request: runCodingStepCommandSchema, reply: codingResultSchema },
  [MessagePatterns.RunValidation]: { request: runValidationCommandSchema, reply: validationResultSchema },
  [MessagePatterns.PublishChanges]: { request: publishChangesCommandSchema, reply: publishResultSchema },
  [MessagePatterns.ResearchQuery]: { request: researchQuerySchema, reply: researchResultSchema },
} as const;

/** A pattern an agent answers with a reply. */
export type AgentRequestPattern = keyof typeof AGENT_REQUESTS;
/** What the caller sends on `Pattern` (defaults not yet applied). */
export type AgentRequestOf<Pattern extends AgentRequestPattern> = z.input<(typeof AGENT_REQUESTS)[Pattern]['request']>;
/** What a successful reply to `Pattern` carries as its `result`. */
export type AgentReplyOf<Pattern extends AgentRequestPattern> = z.infer<(typeof AGENT_REQUESTS)[Pattern]['reply']>;
