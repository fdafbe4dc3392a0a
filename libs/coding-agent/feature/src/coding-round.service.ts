import { Inject, Injectable } from '@nestjs/common';
import { RoundAllowance } from '@patchbay/pipeline-services';
import { MESSAGE_BUS, type MessageBus } from '@patchbay/bus';
import { MessagePatterns, newTaskEvent, type RunCodingStepCommand, type TaskEventPayload } from '@patchbay/contracts';
import { openMcpCredential } from '@patchbay/secrets';
import { openMcpServers } from '@patchbay/workspace-tools';
import { CODING_AGENT_OPTIONS, type CodingAgentOptions } from './coding-agent.options';
import { runCodingLoop } from './coding-loop';
import { ResearchRequester } from './research.requester';
import { TaskConstraintNotices } from './task-constraint-notices';
import type { ToolReporter } from './tools/coding-tools';

/** One round of the ReAct coding loop on the task's sandbox, reporting each step as a task event. */
@Injectable()
export class CodingRoundService {
  constructor(
    @Inject(CODING_AGENT_OPTIONS) private readonly options: CodingAgentOptions,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly research: ResearchRequester,
    private readonly constraintNotices: TaskConstraintNotices,
  ) {}

  async run(command: RunCodingStepCommand, signal: AbortSignal) {
    const { sandbox, models, stepBudget } = this.options;
    const owner = { organisationId: command.organisationId, userId: command.userId };
    // One allowance for the round's coder and summariser, used when this service has no database.
    const allowance = command.budget ? new RoundAllowance(command.budget) : undefined;
    const { model, label, contextBudget } = await models.forTask(
      command.taskId,
      'coder',
      command.model ?? null,
      owner,
      { allowance },
    );
    const { model: summariser } = await models.forTask(command.taskId, 'summariser', command.model ?? null, owner, {
      allowance,
    });
    await this.raise(command.taskId, 'agent_thought', {
      message: `Coding round ${command.round} with ${label}`,
      role: 'coder',
      model: label,
      round: command.round,
    });
    // Remote MCP credentials cross the bus sealed and are opened only here, for the sandbox service.
    const providers = this.options.mcpKeyProviders ?? [];
    const mcp = await openMcpServers(command.mcpServers ?? [], (sealed) =>
      providers.length > 0 ? openMcpCredential(providers, sealed) : Promise.reject(new Error('no key provider')),
    );
    for (const { server, reason } of mcp.refused)
      await this.raise(command.taskId, 'agent_thought', {
        message: `MCP server ${server} is not used: ${reason}`,
        role: 'coder',
        round: command.round,
      });
    // Opened before the first model request, so a constraint added from here on reaches this round.
    const constraints = this.constraintNotices.open(command.taskId, (constraint) => {
      // The developer sees the delivery in the timeline; a lost event costs only that line.
      void this.raise(command.taskId, 'agent_thought', {
        message: `The coder received the constraint ${constraint.addedBy} added; it applies from its next step in round ${command.round}`,
        role: 'coder',
        round: command.round,
      }).catch(() => undefined);
    });
    try {
      return await runCodingLoop(model, sandbox, command, this.reporter(command.taskId, command.round), {
        stepBudget,
        contextBudget,
        summariser,
        research: (query) => this.research.ask(command.taskId, query),
        mcpServers: mcp.launches,
        onMcpToolCall: (call) =>
          this.raise(command.taskId, 'mcp_tool_called', { ...call, role: 'coder', round: command.round }),
        onToolCall: (call) =>
          this.raise(command.taskId, 'agent_thought', {
            message: `coder ${call.tool}: ${call.result}`,
            role: 'coder',
            round: command.round,
            ...call,
          }),
        // The supervisor destroys the sandbox when the task is cancelled; that is the signal to stop.
        isCancelled: async () => (await sandbox.get(command.sandboxId).catch(() => null))?.state !== 'running',
        signal,
        constraints,
      });
    } finally {
      constraints.close();
    }
  }

  /** Every event names its coding round, so the dashboard can group the live log by attempt. */
  private reporter(taskId: string, round: number): ToolReporter {
    return {
      fileModified: (path, change, stats) => this.raise(taskId, 'file_modified', { path, change, ...stats, round }),
      commandExecuted: (command, exitCode, durationMs, output, timedOut) =>
        this.raise(taskId, 'command_executed', { command, exitCode, durationMs, ...output, timedOut, round }),
    };
  }

  private raise<Type extends 'agent_thought' | 'file_modified' | 'command_executed' | 'mcp_tool_called'>(
    taskId: string,
    type: Type,
    payload: TaskEventPayload<Type>,
  ): Promise<void> {
    return this.bus.publish(MessagePatterns.TaskEventRaised, newTaskEvent(taskId, type, 'coding-agent', payload));
  }
}
