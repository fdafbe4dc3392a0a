import { z } from 'zod';
import { branchNameSchema } from './task.api';
import { repositoryRefSchema } from './repository-ref';

/**
 * The backlog planner's shapes (ADR 0035): a project with a goal and a tree of tasks, patches
 * against a version of that tree, the conversation that proposes them, and the API around them.
 * The rules a patch must keep against a tree (stale base, six top-level tasks in project mode,
 * cycles, …) live in @patchbay/backlog; these schemas are what any one patch must look like.
 */
export const BACKLOG_LIMITS = {
  title: 200,
  description: 4_000,
  acceptanceCriteria: 20,
  criterion: 500,
  operations: 60,
  /** Project mode plans in milestones: at most this many top-level tasks after a patch. */
  topLevelTasks: 6,
  /** Levels of nesting below the project (a top-level task is depth 1). */
  depth: 6,
  itemsPerProject: 500,
  goal: 4_000,
  projectTitle: 200,
  message: 4_000,
  summary: 1_000,
} as const;

export const BACKLOG_ITEM_STATUSES = ['todo', 'in_progress', 'done'] as const;
export type BacklogItemStatus = (typeof BACKLOG_ITEM_STATUSES)[number];

/** Project mode plans the top level; task mode decomposes one task. */
export const BACKLOG_MODES = ['project', 'task'] as const;
export type BacklogMode = (typeof BACKLOG_MODES)[number];

const title = z.string().trim().min(1, 'title must not be empty').max(BACKLOG_LIMITS.title);
const description = z.string().max(BACKLOG_LIMITS.description);
const acceptanceCriteria = z
  .array(z.string().trim().min(1, 'an acceptance criterion must not be empty').max(BACKLOG_LIMITS.criterion))
  .max(BACKLOG_LIMITS.acceptanceCriteria);
const status = z.enum(BACKLOG_ITEM_STATUSES);

/** A name a create operation gives its new task, so later operations of the same patch can refer to it. */
export const backlogTempIdSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/, 'tempId must be a short name of letters, digits, - or _ (e.g. "t1")');

/** A parent: an existing task's id, a tempId created earlier in the same patch, or null for the top level. */
const parentRef = z.string().min(1).max(64).nullable();

export const backlogCreateOperationSchema = z.strictObject({
  op: z.literal('create'),
  tempId: backlogTempIdSchema,
  parent: parentRef,
  title,
  description: description.default(''),
  acceptanceCriteria: acceptanceCriteria.default([]),
  status: status.default('todo'),
});

export const backlogUpdateOperationSchema = z.strictObject({
  op: z.literal('update'),
  id: z.uuid('id must be the id of an existing task'),
  title: title.optional(),
  description: description.optional(),
  acceptanceCriteria: acceptanceCriteria.optional(),
  status: status.optional(),
  /** Moves the task under another parent (null: to the top level). */
  parent: parentRef.optional(),
});

export const backlogDeleteOperationSchema = z.strictObject({
  op: z.literal('delete'),
  id: z.uuid('id must be the id of an existing task'),
});

export const backlogOperationSchema = z.discriminatedUnion('op', [
  backlogCreateOperationSchema,
  backlogUpdateOperationSchema,
  backlogDeleteOperationSchema,
]);
export type BacklogOperation = z.infer<typeof backlogOperationSchema>;
export type BacklogCreateOperation = z.infer<typeof backlogCreateOperationSchema>;
export type BacklogUpdateOperation = z.infer<typeof backlogUpdateOperationSchema>;

/** What the model proposes (the `propose_patch` tool's arguments): a summary and the operations, in order. */
export const backlogChangesSchema = z.strictObject({
  summary: z.string().trim().max(BACKLOG_LIMITS.summary).default(''),
  operations: z
    .array(backlogOperationSchema)
    .min(1, 'a patch needs at least one operation')
    .max(BACKLOG_LIMITS.operations),
});
export type BacklogChanges = z.infer<typeof backlogChangesSchema>;

/** A patch: operations against one version of a project's tree; against any other version it is refused. */
export const backlogPatchSchema = backlogChangesSchema.extend({
  baseVersion: z.number().int().min(0).max(2_147_483_647),
});
export type BacklogPatch = z.infer<typeof backlogPatchSchema>;
export type BacklogPatchInput = z.input<typeof backlogPatchSchema>;

// ---- API ----

export const createBacklogProjectRequestSchema = z.strictObject({
  title: z.string().trim().min(1, 'title must not be empty').max(BACKLOG_LIMITS.projectTitle),
  goal: z.string().trim().min(1, 'goal must not be empty').max(BACKLOG_LIMITS.goal),
});
export type CreateBacklogProjectRequest = z.infer<typeof createBacklogProjectRequestSchema>;

export const startBacklogConversationRequestSchema = z
  .strictObject({
    mode: z.enum(BACKLOG_MODES),
    /** The task to decompose; task mode only. */
    itemId: z.uuid().optional(),
  })
  .refine((request) => (request.mode === 'task') === (request.itemId !== undefined), {
    message: 'task mode needs the itemId of the task to decompose; project mode takes none',
    path: ['itemId'],
  });
export type StartBacklogConversationRequest = z.infer<typeof startBacklogConversationRequestSchema>;

export const sendBacklogMessageRequestSchema = z.strictObject({
  text: z.string().trim().min(1, 'text must not be empty').max(BACKLOG_LIMITS.message),
});
export type SendBacklogMessageRequest = z.infer<typeof sendBacklogMessageRequestSchema>;

/** Accept a proposal as proposed, or with the person's edits (re-validated like the model's). */
export const acceptBacklogProposalRequestSchema = z.strictObject({ patch: backlogPatchSchema.optional() });
export type AcceptBacklogProposalRequest = z.input<typeof acceptBacklogProposalRequestSchema>;

export const rejectBacklogProposalRequestSchema = z.strictObject({
  reason: z.string().trim().max(BACKLOG_LIMITS.message).optional(),
});
export type RejectBacklogProposalRequest = z.infer<typeof rejectBacklogProposalRequestSchema>;

/** Check a patch against the current tree and see it as a diff, without applying it. */
export const previewBacklogPatchRequestSchema = z.strictObject({
  patch: backlogPatchSchema,
  /** Check in task mode, for the decomposition of this task; absent: project mode. */
  itemId: z.uuid().optional(),
});
export type PreviewBacklogPatchRequest = z.input<typeof previewBacklogPatchRequestSchema>;

export const sendBacklogItemRequestSchema = z.strictObject({
  repository: repositoryRefSchema,
  baseBranch: branchNameSchema.optional(),
});
export type SendBacklogItemRequest = z.infer<typeof sendBacklogItemRequestSchema>;

export interface BacklogProjectView {
  id: string;
  title: string;
  goal: string;
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface BacklogLinkedTaskView {
  id: string;
  status: string;
  repository: string;
}

/** A task of a project's tree: its own fields, its place, and the coding task it was sent as (if any). */
export interface BacklogTreeItem {
  id: string;
  /** Null at the top level. */
  parentId: string | null;
  title: string;
  description: string;
  acceptanceCriteria: string[];
  status: BacklogItemStatus;
  /** Order among its siblings. */
  position: number;
  /** The Patchbay coding task this leaf was sent as; such a task is not deleted by a patch. */
  taskId: string | null;
}

export interface BacklogItemView extends Omit<BacklogTreeItem, 'taskId'> {
  /** The Patchbay coding task this leaf was sent as, with its status now. */
  task: BacklogLinkedTaskView | null;
}

export interface BacklogProjectDetailView extends BacklogProjectView {
  /** Every task of the tree, parents before children, siblings in order. */
  items: BacklogItemView[];
}

export const BACKLOG_DIFF_CHANGES = ['added', 'changed', 'removed', 'unchanged'] as const;
export type BacklogDiffChange = (typeof BACKLOG_DIFF_CHANGES)[number];

/** One row of a patch shown as a diff of the tree, in tree order (removed tasks where they were). */
export interface BacklogDiffRow {
  /** The task's id; for an added task, the tempId its create operation gave it. */
  id: string;
  depth: number;
  change: BacklogDiffChange;
  title: string;
  description: string;
  acceptanceCriteria: string[];
  status: BacklogItemStatus;
  /** For a changed task: which fields changed (`parent` when it moved). */
  changedFields: string[];
  /** For a changed task: the title before, when it changed. */
  previousTitle?: string;
}

export interface BacklogPatchPreviewView {
  valid: boolean;
  /** Why the patch cannot be applied to the current tree (empty when valid). */
  problems: string[];
  /** The tree as it would be, marked against the current one; empty when invalid. */
  rows: BacklogDiffRow[];
  currentVersion: number;
}

export const BACKLOG_PROPOSAL_STATES = ['pending', 'accepted', 'rejected', 'stale'] as const;
export type BacklogProposalState = (typeof BACKLOG_PROPOSAL_STATES)[number];

interface BacklogMessageBase {
  id: string;
  at: string;
}

export interface BacklogUserMessageView extends BacklogMessageBase {
  kind: 'user';
  text: string;
  by: string;
}

export interface BacklogProposalMessageView extends BacklogMessageBase {
  kind: 'proposal';
  replyTo: string;
  patch: BacklogPatch;
  model: string;
  /** Model calls it took: 2 when the first answer was invalid and the retry corrected it. */
  attempts: number;
  /** pending until decided; stale once the tree moved past its base version undecided. */
  state: BacklogProposalState;
  /** The patch against the current tree, for a pending proposal; null otherwise. */
  preview: BacklogPatchPreviewView | null;
}

export interface BacklogFailureMessageView extends BacklogMessageBase {
  kind: 'failure';
  replyTo: string;
  message: string;
}

export interface BacklogDecisionMessageView extends BacklogMessageBase {
  kind: 'decision';
  proposalId: string;
  decision: 'accepted' | 'rejected';
  /** Accepted with the person's edits rather than as proposed. */
  edited: boolean;
  /** The version the accepted patch produced. */
  version: number | null;
  reason: string | null;
  by: string;
}

export type BacklogMessageView =
  BacklogUserMessageView | BacklogProposalMessageView | BacklogFailureMessageView | BacklogDecisionMessageView;

export interface BacklogConversationView {
  id: string;
  projectId: string;
  mode: BacklogMode;
  itemId: string | null;
  createdBy: string;
  createdAt: string;
  /** A message of the person's is waiting for the planner's answer. */
  awaitingReply: boolean;
  messages: BacklogMessageView[];
}

export interface BacklogVersionView {
  version: number;
  /** The patch that produced this version (the accepted one, with any edits). */
  patch: BacklogPatch;
  proposalId: string | null;
  acceptedBy: string;
  at: string;
  /** How many tasks the tree held after it. */
  itemCount: number;
}

/** 409 when a patch's base version is not the project's current one. */
export interface BacklogStaleVersionBody {
  statusCode: 409;
  error: string;
  message: string;
  currentVersion: number;
}

export interface BacklogSentItemView {
  item: BacklogItemView;
  taskId: string;
}

/** The backlog task a coding task was sent from. */
export interface BacklogItemOfTaskView {
  projectId: string;
  projectTitle: string;
  itemId: string;
  title: string;
}

/** GET /backlog/tasks/:taskId: where a coding task came from; `origin` null for a task not sent from a backlog. */
export interface BacklogTaskOriginView {
  origin: BacklogItemOfTaskView | null;
}
