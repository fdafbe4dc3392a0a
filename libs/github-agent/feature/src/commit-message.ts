import type { PublishChangesCommand } from '@patchbay/contracts';
import { coAuthorTrailer } from './github-publisher';

/**
 * Conventional commit subject from the task's title (`fix:` when it says fix/bug, `feat:`
 * otherwise), the task id (how a replayed publish recognises its own commit) and a
 * `Co-authored-by` trailer for the person who asked — their GitHub identity when there is one.
 */
export function commitMessage(command: PublishChangesCommand): string {
  const type = /\b(fix|bug|failing|broken|error|crash)/i.test(command.title) ? 'fix' : 'feat';
  const subject = command.title.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  const trailer = command.github
    ? coAuthorTrailer(command.github.triggeredBy)
    : `Co-authored-by: ${command.author.login} <${command.author.email}>`;
  return `${type}: ${subject.charAt(0).toLowerCase()}${subject.slice(1)}\n\nPatchbay task ${command.taskId}\n\n${trailer}\n`;
}
