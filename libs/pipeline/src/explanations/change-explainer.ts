import type { MessageContent } from '@langchain/core/messages';
import type { ExplainChangeCommand } from '@patchbay/contracts';
import { git } from '@patchbay/local-forge';
import { BudgetExceededError } from '@patchbay/model';
import type { ApprovalRepository, PipelineRepository } from '@patchbay/persistence';
import type { PlannerModels } from '../pipeline-dependencies';
import type { TaskEventPublisher } from '../task-event-publisher';
import { AnswerBatcher } from './answer-batcher';
import { explanationMessages } from './explanation-prompt';

export interface ChangeExplainerDependencies {
  store: Pick<PipelineRepository, 'loadTask'>;
  reviews: Pick<ApprovalRepository, 'latestArtifact' | 'latestPlan'>;
  events: TaskEventPublisher;
  models: PlannerModels;
}

function textOf(content: MessageContent): string {
  if (typeof content === 'string') return content;
  return content.map((part) => (part.type === 'text' && typeof part['text'] === 'string' ? part['text'] : '')).join('');
}

/**
 * Answers a reviewer's question about a task's diff with the task's reviewer model: the answer
 * streams onto the task's log as `explanation_chunk` events and is kept whole in
 * `explanation_answered`; a question that cannot be answered ends in `explanation_failed` with
 * the reason. The model is offered no tools — the diff and files it reads are untrusted text,
 * and an answer is all it can give.
 */
export class ChangeExplainer {
  constructor(private readonly deps: ChangeExplainerDependencies) {}

  async explain(command: ExplainChangeCommand, signal?: AbortSignal): Promise<void> {
    const { taskId, explanationId } = command;
    const { events, store, reviews, models } = this.deps;
    const fail = (message: string, budget?: BudgetExceededError['reached']) =>
      events.raise(taskId, 'explanation_failed', { explanationId, message, ...(budget ? { budget } : {}) });

    const loaded = await store.loadTask(taskId);
    if (!loaded) return;
    const { task, repository, creator } = loaded;
    const diff = await reviews.latestArtifact(taskId, 'diff');
    if (!diff || diff.sha256 !== command.diffSha256)
      return fail('The diff changed after the question was asked; ask again about the diff under review.');
    const plan = await reviews.latestPlan(taskId);
    // The file as it was: the diff shows what changed, this shows what it changed in.
    const barePath = repository.cloneUrl;
    const baseFile =
      command.file && barePath
        ? await git(barePath, ['show', `${task.baseBranch}:${command.file}`]).catch(() => null)
        : null;
    const messages = explanationMessages({
      taskPrompt: task.prompt,
      plan: plan ? { summary: plan.summary, steps: plan.steps } : null,
      diff: diff.content.toString('utf8'),
      question: command.question,
      file: command.file,
      lines: command.lines,
      baseFile,
    });

    try {
      const owner = { organisationId: task.organisationId, userId: creator.id };
      const { model, label } = await models.forTask(taskId, 'reviewer', task.model, owner);
      const batcher = new AnswerBatcher((piece) =>
        events.raise(taskId, 'explanation_chunk', { explanationId, ...piece }),
      );
      let answer = '';
      for await (const chunk of await model.stream(messages, { signal })) {
        const text = textOf(chunk.content);
        answer += text;
        await batcher.add(text);
      }
      await batcher.flush();
      if (!answer.trim()) return await fail(`The reviewer model (${label}) answered with nothing; ask again.`);
      await events.raise(taskId, 'explanation_answered', {
        explanationId,
        question: command.question,
        ...(command.file ? { file: command.file } : {}),
        ...(command.lines ? { lines: command.lines } : {}),
        answer,
        model: label,
      });
    } catch (error) {
      if (error instanceof BudgetExceededError)
        return fail(`No answer: ${error.reached.message}. Raise the budget to ask again.`, error.reached);
      await fail(`The reviewer model could not answer: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
