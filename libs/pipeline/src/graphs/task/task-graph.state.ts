import { Annotation } from '@langchain/langgraph';
import type { DependencyFinding } from './dependency-check';
import type {
  BudgetReached,
  Clarification,
  ClarificationChannel,
  ClarifyingQuestion,
  TaskClassification,
  GithubTaskLink,
  ResumeAction,
  LintMode,
  OutOfPlanAcknowledgement,
  Plan,
  PlanConformanceReport,
  RequiredCheck,
  RequiredCheckResult,
  TargetTest,
  TaskConstraints,
  ValidationResult,
  ValidationVerdict,
  EgressReport,
} from '@patchbay/contracts';

/** What the graph knows about the task when it starts; loaded once, checkpointed with the rest. */
export interface TaskBrief {
  taskId: string;
  organisationId: string;
  userId: string;
  login: string;
  attempt: number;
  prompt: string;
  constraints: TaskConstraints;
  repositoryId: string;
  repositoryName: string;
  barePath: string;
  baseBranch: string;
  testCommand: string | null;
  lintCommand: string | null;
  /** The repository's lint mode; optional because briefs checkpointed before it existed lack it (the testing agent then infers it). */
  lintMode?: LintMode;
  /** The repository's setup command; replaces manifest detection for dependency installs. */
  setupCommand: string | null;
  draftPullRequests: boolean;
  autoApprovePlan: boolean;
  autoApproveDiff: boolean;
  /**
   * The repository's setting: failures the base commit already had may stay in a finished change.
   * Optional because briefs checkpointed before the setting existed lack it (they mean true).
   */
  allowPreexistingFailures?: boolean;
  /**
   * Required checks: from the repository settings when loaded (null: not set there), then the
   * effective list (settings ← `.patchbay.yml`) once the analyse node read the file. Optional
   * because briefs checkpointed before required checks existed lack it (they have none).
   */
  requiredChecks?: RequiredCheck[] | null;
  model: string | null;
  /**
   * The repository's allowed egress hosts (`host:port`, ADR 0032), given to the sandbox at create.
   * Optional because briefs checkpointed before they existed lack it (none then).
   */
  egressAllowedHosts?: string[];
  /** Best-of-N (ADR 0034): parallel coding attempts after plan approval; absent (briefs checkpointed before it existed) means 1. */
  candidates?: number;
  /** The GitHub thread and trigger, for tasks that came from GitHub. */
  github: GithubTaskLink | null;
}

export interface PublishedChange {
  branch: string;
  headSha: string;
  number: number;
  url: string;
}

/** A human's answer to a plan or diff approval. */
export interface HumanDecision {
  decision: 'approved' | 'rejected';
  feedback?: string;
  editedSteps?: Plan['steps'];
  /** The reviewer's target tests, replacing the proposed ones (an empty list drops them all). */
  editedTargetTests?: TargetTest[];
  /** A diff approval's acknowledgement of the changes outside the plan (ADR 0031). */
  outOfPlanAcknowledgement?: OutOfPlanAcknowledgement;
  /** Best-of-N (ADR 0034): at diff approval the reviewer chose this candidate instead of the one shown. */
  selectCandidate?: number;
}

/**
 * A human's answer to a pause, in the recovery-action vocabulary of the `error` event that offered
 * it: `change_approach` goes back to planning with the note; `fix_it` (or `resume`) goes on coding.
 */
export interface PauseDecision {
  action: ResumeAction;
  note?: string;
}

/** The answer to the planner's question, as the gateway relays it (ADR 0026). */
export interface ClarificationAnswer {
  answer: string;
  answeredBy: string;
  via: ClarificationChannel;
  questionNumber: number;
}

/** A question the planner asked and the task now waits on. */
export interface PendingQuestion extends ClarifyingQuestion {
  questionNumber: number;
}

/** A node whose model call was refused for a budget: where to go back to once it is raised. */
export interface BudgetStop {
  node: 'draft_plan' | 'execute';
  reached: BudgetReached;
}

const replace = <T>(initial: T) => Annotation<T>({ reducer: (_previous, next) => next, default: () => initial });

/**
 * The task graph's state. Every field is replaced wholesale by the node that writes it, so the
 * checkpoint after each node is a complete, readable picture of where the task stands.
 */
export const TaskGraphState = Annotation.Root({
  brief: replace<TaskBrief | null>(null),
  sandboxId: replace<string | null>(null),
  sandboxImage: replace<string>('base'),
  baseCommit: replace<string | null>(null),
  repositoryOverview: replace<string>(''),
  /** The AGENTS.md text that applies to the task (nearest file per relevant path) and which files it came from. */
  repositoryInstructions: replace<{ text: string; sources: string[] }>({ text: '', sources: [] }),
  /** Path globs the repository keeps out of the agents' context (`.patchbay.yml` `exclude`, or the settings). */
  contextExclude: replace<string[]>([]),
  baseline: replace<ValidationResult | null>(null),
  plan: replace<Plan | null>(null),
  planHash: replace<string | null>(null),
  planRevision: replace<number>(0),
  /** How the model is named in the PR ("scripted model" for recorded turns). */
  modelLabel: replace<string | null>(null),
  planFeedback: replace<string | null>(null),
  /** The question the planner asked and the task waits on (ADR 0026); cleared by the answer. */
  pendingQuestion: replace<PendingQuestion | null>(null),
  /** Every question asked in this attempt with its answer, oldest first; quoted in the planner's and coder's prompts. */
  clarifications: replace<Clarification[]>([]),
  /** How the planner classified the request, with its latest question or plan. */
  classification: replace<TaskClassification | null>(null),
  round: replace<number>(0),
  codingFeedback: replace<string | null>(null),
  latest: replace<ValidationResult | null>(null),
  /** The latest validation's verdict: whether the change is done, and why not. */
  verdict: replace<ValidationVerdict | null>(null),
  diff: replace<string | null>(null),
  diffHash: replace<string | null>(null),
  diffRevision: replace<number>(0),
  /** How many times a human resumed the task from a pause; part of agent request ids. */
  resumeRevision: replace<number>(0),
  /** Set by a node stopped at a budget (it then goes to budget_pause); cleared when the node completes. */
  budgetStop: replace<BudgetStop | null>(null),
  published: replace<PublishedChange | null>(null),
  outcome: replace<'completed' | 'failed' | 'paused' | null>(null),
  /** What the dependency check found about dependencies the change adds (risks in the PR; blocking ones paused the task). */
  dependencyFindings: replace<DependencyFinding[]>([]),
  /** The prepared diff read against the approved plan (ADR 0031); null before a diff, or for diffs prepared before reports existed. */
  planConformance: replace<PlanConformanceReport | null>(null),
  /** Who approved the diff with changes outside the plan, and which; null when none needed acknowledging. */
  outOfPlanAcknowledgement: replace<OutOfPlanAcknowledgement | null>(null),
  /** The sandbox's refused connections when the diff was prepared (ADR 0032); the PR lists them. */
  egressReport: replace<EgressReport | null>(null),
  /** The required checks of the latest validation run, with any waivers (docs/pipeline.md, "Required checks"). */
  requiredChecks: replace<RequiredCheckResult[]>([]),
  /** Best-of-N (ADR 0034): the candidates ran and one was selected; later rounds (a pause, requested changes) use one coder. */
  candidatesRun: replace<boolean>(false),
  /** Best-of-N: the candidate a reviewer chose at diff approval, until switch_candidate has applied it. */
  candidateSwitch: replace<number | null>(null),
});

export type TaskGraphStateType = typeof TaskGraphState.State;
export type TaskGraphUpdate = typeof TaskGraphState.Update;
