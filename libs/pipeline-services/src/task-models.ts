import type { BudgetLine } from '@patchbay/contracts';
import type { BudgetGuard } from './budget-guard';
import type { RoundAllowance } from './round-allowance';
import type { UsageOwner } from './bus-usage.sink';
import type { StoredModelKeys } from './stored-model-keys';
import type { ConcurrencyLimiter } from '@patchbay/concurrency';
import {
  contextBudgetFor,
  createChatModel,
  createModelCallSlots,
  describeModel,
  loadScriptedTurns,
  type ContextBudget,
  type ModelConfig,
  type ModelRole,
  type PatchbayChatModel,
  type ScriptedTurns,
  type UsageSink,
} from '@patchbay/model';

/**
 * Chat models per task. With the scripted provider every model of a task shares one replay, so
 * the planner's and the coder's turns are consumed in order across calls; with a real provider
 * this is just the factory.
 */
export class TaskModels {
  private readonly scripts = new Map<string, ScriptedTurns>();

  /** Every model call made through these models waits for one of MODEL_MAX_CONCURRENCY slots (ADR 0038). */
  readonly callSlots: ConcurrencyLimiter;

  /** Set once the database is available: the organisation's stored key then overrides OPENAI_API_KEY. */
  storedKeys?: StoredModelKeys;

  /** Set once the database is available: each call of a task is checked against its budgets first. */
  budgets?: BudgetGuard;

  constructor(
    private readonly config: ModelConfig,
    /** Where each call's usage goes, per task owner; without it usage is not recorded. */
    private readonly usageFor?: (owner: UsageOwner) => UsageSink,
  ) {
    this.callSlots = createModelCallSlots(config.maxConcurrency);
  }

  async forTask(
    taskId: string,
    role: ModelRole,
    model: string | null,
    owner?: Omit<UsageOwner, 'taskId'>,
    /** Budgets handed over by the supervisor; used only where this service has no BudgetGuard. */
    options: { allowance?: RoundAllowance } = {},
  ): Promise<{ model: PatchbayChatModel; label: string; contextBudget: ContextBudget }> {
    return this.build(taskId, role, model, owner ? { ...owner, taskId } : undefined, options.allowance);
  }

  /**
   * The backlog planner's model for a project (ADR 0035). Its calls belong to no task: usage is
   * recorded for the organisation and the person, and no task budget stops them. With the
   * scripted provider a project's conversations share one replay, in order.
   */
  async forBacklog(
    projectId: string,
    owner: Omit<UsageOwner, 'taskId'>,
  ): Promise<{ model: PatchbayChatModel; label: string; contextBudget: ContextBudget }> {
    return this.build(`backlog:${projectId}`, 'backlog', null, { ...owner, taskId: null });
  }

  private async build(
    scriptKey: string,
    role: ModelRole,
    model: string | null,
    owner: UsageOwner | undefined,
    allowance?: RoundAllowance,
  ): Promise<{ model: PatchbayChatModel; label: string; contextBudget: ContextBudget }> {
    let script: ScriptedTurns | undefined;
    if (this.config.provider === 'scripted') {
      if (!this.config.scriptedModelFile)
        throw new Error('MODEL_PROVIDER=scripted needs SCRIPTED_MODEL_FILE (a recorded script of model turns)');
      script = this.scripts.get(scriptKey) ?? loadScriptedTurns(this.config.scriptedModelFile);
      this.scripts.set(scriptKey, script);
    }
    const reported = owner && this.usageFor ? this.usageFor(owner) : undefined;
    const usage =
      this.budgets && reported && owner
        ? this.budgets.wrap(reported, owner)
        : !this.budgets && allowance
          ? allowance.wrap(reported)
          : reported;
    const apiKeyOverride =
      this.config.provider === 'openai' && owner && this.storedKeys
        ? ((await this.storedKeys.find(owner.organisationId, owner.userId, 'openai')) ?? undefined)
        : undefined;
    const chat = createChatModel(role, {
      config: this.config,
      script,
      model: model ?? undefined,
      usage,
      apiKeyOverride,
      callSlots: this.callSlots,
    });
    return {
      model: chat,
      label: describeModel(chat).label,
      contextBudget: contextBudgetFor(this.config, role, model ?? undefined),
    };
  }

  /** The check each call makes, on its own: the supervisor asks it before handing a round to the coding agent. */
  async checkBudget(taskId: string): Promise<BudgetLine[] | undefined> {
    return this.budgets?.check(taskId);
  }

  /** Forgets a finished task's replay. */
  release(taskId: string): void {
    this.scripts.delete(taskId);
  }
}
