import { Controller, Inject, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { AgentFailure, RequestAnswerer } from '@patchbay/agent-runtime';
import { acceptMessage, MESSAGE_BUS, type MessageBus } from '@patchbay/bus';
import { MessagePatterns, publishChangesCommandSchema, type PublishChangesCommand, type PublishResult } from '@patchbay/contracts';
import { ForgeConflictError, LocalForge } from '@patchbay/local-forge';
import { describeFindings, scanDiff } from '@patchbay/secret-scan';

/** Conventional commit subject from the task's title: `fix:` when it says fix/bug, `feat:` otherwise. */
export function commitMessage(command: PublishChangesCommand): string {
  const type = /\b(fix|bug|failing|broken|error|crash)/i.test(command.title) ? 'fix' : 'feat';
  const subject = command.title.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  return `${type}: ${subject.charAt(0).toLowerCase()}${subject.slice(1)}\n\nPatchbay task ${command.taskId}\n\nCo-authored-by: ${command.author.login} <${command.author.email}>\n`;
}

/**
 * Publishing on the local forge: one commit of the approved diff on a new branch of the bare
 * repository. The diff is scanned for secrets again here, the last step before a commit exists.
 */
@Controller()
export class PublishController {
  private readonly logger = new Logger(PublishController.name);
  private readonly answerer: RequestAnswerer;
  private readonly forge = new LocalForge();

  constructor(@Inject(MESSAGE_BUS) bus: MessageBus) {
    this.answerer = new RequestAnswerer(bus);
  }

  @EventPattern(MessagePatterns.PublishChanges)
  async onPublish(@Payload() payload: unknown): Promise<void> {
    const message = acceptMessage(publishChangesCommandSchema, payload, this.logger, 'publish request');
    if (!message) return;
    await this.answerer.answer(message, () => this.publish(message));
  }

  private async publish(command: PublishChangesCommand): Promise<PublishResult> {
    const findings = await scanDiff(command.diff);
    if (findings.length > 0) throw new AgentFailure('security', `refusing to commit: ${describeFindings(findings)}`);
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
