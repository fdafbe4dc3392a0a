import { Controller, Inject, Logger, type OnModuleInit, Optional } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { AgentFailure, RequestAnswerer, TaskCancellations } from '@patchbay/agent-runtime';
import { acceptMessage, MESSAGE_BUS, type MessageBus } from '@patchbay/bus';
import { MessagePatterns, publishChangesCommandSchema, type PublishChangesCommand, type PublishResult } from '@patchbay/contracts';
import type { GithubAppClient } from '@patchbay/github';
import { ForgeConflictError, LocalForge } from '@patchbay/local-forge';
import { describeFindings, scanDiff } from '@patchbay/secret-scan';
import { GITHUB_APP_CLIENT } from './github-agent.tokens';
import { coAuthorTrailer, GithubPublisher } from './github-publisher';

/**
 * Conventional commit subject from the task's title (`fix:` when it says fix/bug, `feat:`
 * otherwise), the task id (how a replayed publish recognises its own commit) and a
 * `Co-authored-by` trailer for the person who asked — their GitHub identity when there is one.
 */
export function commitMessage(command: PublishChangesCommand): string {
  const type = /\b(fix|bug|failing|broken|error|crash)/i.test(command.title) ? 'fix' : 'feat';
  const subject = command.title.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  const trailer = command.github ? coAuthorTrailer(command.github.triggeredBy) : `Co-authored-by: ${command.author.login} <${command.author.email}>`;
  return `${type}: ${subject.charAt(0).toLowerCase()}${subject.slice(1)}\n\nPatchbay task ${command.taskId}\n\n${trailer}\n`;
}

/**
 * Publishing: one commit of the approved diff, on GitHub (with a pull request) for tasks that came
 * from GitHub, otherwise on a new branch of the local forge's bare repository. The diff is
 * scanned for secrets again here, the last step before a commit exists.
 */
@Controller()
export class PublishController implements OnModuleInit {
  private readonly logger = new Logger(PublishController.name);
  private readonly answerer: RequestAnswerer;
  private readonly cancellations: TaskCancellations;
  private readonly forge = new LocalForge();

  private readonly github: GithubPublisher | null;

  constructor(@Inject(MESSAGE_BUS) bus: MessageBus, @Optional() @Inject(GITHUB_APP_CLIENT) client: GithubAppClient | null) {
    this.answerer = new RequestAnswerer(bus);
    this.github = client ? new GithubPublisher(client) : null;
    this.cancellations = new TaskCancellations(bus, this.logger, 'github-agent');
  }

  onModuleInit(): Promise<void> {
    return this.cancellations.listen();
  }

  @EventPattern(MessagePatterns.PublishChanges)
  async onPublish(@Payload() payload: unknown): Promise<void> {
    const message = acceptMessage(publishChangesCommandSchema, payload, this.logger, 'publish request');
    if (!message) return;
    await this.answerer.answer(message, async () => {
      const work = this.cancellations.begin(message.taskId);
      try {
        return await this.publish(message, work.signal);
      } finally {
        work.end();
      }
    });
  }

  private async publish(command: PublishChangesCommand, signal: AbortSignal): Promise<PublishResult> {
    const findings = await scanDiff(command.diff);
    if (findings.length > 0) throw new AgentFailure('security', `refusing to commit: ${describeFindings(findings)}`);
    // The last moment a cancellation can keep a branch and pull request from existing.
    signal.throwIfAborted();
    if (command.github) {
      if (!this.github) throw new AgentFailure('user_correctable', 'this task came from GitHub but the GitHub App is not configured on the github agent (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY, GITHUB_WEBHOOK_SECRET)');
      return this.github.publish({ ...command, github: command.github }, commitMessage(command));
    }
    const existing = await this.forge.branchHead(command.barePath, command.branch);
    if (existing) {
      // A replayed request after the push succeeded: report what is there instead of pushing again.
      return { branch: command.branch, headSha: existing, filesChanged: [], pullRequestNumber: null, url: null };
    }
    try {
      const { headSha, filesChanged } = await this.forge.publish({
        barePath: command.barePath,
        baseCommit: command.baseCommit,
        branch: command.branch,
        diff: command.diff,
        message: commitMessage(command),
        author: { name: 'Patchbay', email: 'patchbay@localhost' },
      });
      return { branch: command.branch, headSha, filesChanged, pullRequestNumber: null, url: null };
    } catch (error) {
      if (error instanceof ForgeConflictError) throw new AgentFailure('user_correctable', error.message);
      throw error;
    }
  }
}
