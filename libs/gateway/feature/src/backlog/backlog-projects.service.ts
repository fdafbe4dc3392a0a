import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import {
  roleAtLeast,
  type BacklogTaskOriginView,
  type BacklogPatch,
  type BacklogPatchPreviewView,
  type BacklogProjectDetailView,
  type BacklogProjectView,
  type BacklogSentItemView,
  type BacklogVersionView,
  type CreateBacklogProjectRequest,
  type SendBacklogItemRequest,
} from '@patchbay/contracts';
import { isLeaf, leafTaskPrompt } from '@patchbay/backlog';
import { BacklogRepository, type BacklogProjectEntity } from '@patchbay/persistence';
import type { SessionUser } from '../common/session-user';
import { TasksService } from '../tasks/tasks.service';
import { BacklogProjectNotFoundException } from './backlog-exceptions';
import { BacklogPatchesService } from './backlog-patches.service';
import { toItemView, toProjectDetailView, toProjectView, toVersionView } from './backlog-views';

/**
 * Backlog projects (ADR 0035): create, read, rename, delete; their version history; a patch
 * previewed against the tree; and a leaf sent to Patchbay as a coding task, linked both ways.
 */
@Injectable()
export class BacklogProjectsService {
  constructor(
    private readonly backlog: BacklogRepository,
    private readonly patches: BacklogPatchesService,
    private readonly tasks: TasksService,
  ) {}

  async create(user: SessionUser, request: CreateBacklogProjectRequest): Promise<BacklogProjectView> {
    const created = await this.backlog.insertProject({
      organisationId: user.organisationId,
      title: request.title,
      goal: request.goal,
      createdBy: user.userId,
    });
    return toProjectView((await this.backlog.findProject(user.organisationId, created.id)) ?? created);
  }

  async list(user: SessionUser): Promise<BacklogProjectView[]> {
    return (await this.backlog.listProjects(user.organisationId)).map(toProjectView);
  }

  async require(user: SessionUser, id: string): Promise<BacklogProjectEntity> {
    const project = await this.backlog.findProject(user.organisationId, id);
    if (!project) throw new BacklogProjectNotFoundException(id);
    return project;
  }

  async detail(user: SessionUser, id: string): Promise<BacklogProjectDetailView> {
    const project = await this.require(user, id);
    return toProjectDetailView(project, await this.backlog.items(project.id));
  }

  /** Only its creator or an admin removes a project; its coding tasks stay (they lose the link). */
  async remove(user: SessionUser, id: string): Promise<{ id: string }> {
    const project = await this.require(user, id);
    if (project.createdBy !== user.userId && !roleAtLeast(user.role, 'admin'))
      throw new ForbiddenException('Only the project’s creator or an admin may delete it');
    await this.backlog.deleteProject(project.id);
    return { id };
  }

  async versions(user: SessionUser, id: string): Promise<BacklogVersionView[]> {
    const project = await this.require(user, id);
    return (await this.backlog.versions(project.id)).map(toVersionView);
  }

  /** A patch against the tree now, in project mode, or in task mode when `itemId` is given. */
  async preview(user: SessionUser, id: string, patch: BacklogPatch, itemId?: string): Promise<BacklogPatchPreviewView> {
    const project = await this.require(user, id);
    return this.patches.preview(project, await this.backlog.tree(project.id), patch, {
      mode: itemId ? 'task' : 'project',
      itemId: itemId ?? null,
    });
  }

  /**
   * Creates a normal Patchbay task from a leaf (its title, description and acceptance criteria as
   * the prompt) on a repository of the allow-list, with the caller's quotas, then links the two.
   * Should another request have linked the leaf meanwhile, the new task is cancelled and a 409 says so.
   */
  async sendItem(
    user: SessionUser,
    projectId: string,
    itemId: string,
    request: SendBacklogItemRequest,
  ): Promise<BacklogSentItemView> {
    const project = await this.require(user, projectId);
    const items = await this.backlog.items(project.id);
    const item = items.find((candidate) => candidate.id === itemId);
    if (!item) throw new NotFoundException(`No task with id ${itemId} in backlog project ${project.id}`);
    if (!isLeaf(items, item.id))
      throw new ConflictException(
        `"${item.title}" has sub-tasks; only a leaf task can be sent to Patchbay (send its sub-tasks instead)`,
      );
    if (item.taskId) throw new ConflictException(`"${item.title}" was already sent to Patchbay as task ${item.taskId}`);
    const task = await this.tasks.create(user, {
      repository: request.repository,
      ...(request.baseBranch ? { baseBranch: request.baseBranch } : {}),
      prompt: leafTaskPrompt(item),
    });
    const linked = await this.backlog.transaction(async (manager) => {
      await this.backlog.lockProject(manager, user.organisationId, project.id);
      const stillLeaf = isLeaf(await this.backlog.tree(project.id, manager), item.id);
      return stillLeaf && (await this.backlog.linkTask(manager, item.id, task.id));
    });
    if (!linked) {
      await this.tasks.cancel(user, task.id);
      throw new ConflictException(
        `"${item.title}" was sent or given sub-tasks by someone else meanwhile; task ${task.id} was cancelled`,
      );
    }
    const sent = (await this.backlog.items(project.id)).find((candidate) => candidate.id === item.id) ?? item;
    return { item: toItemView(sent), taskId: task.id };
  }

  async originOfTask(user: SessionUser, taskId: string): Promise<BacklogTaskOriginView> {
    const item = await this.backlog.findItemByTask(user.organisationId, taskId);
    if (!item?.project) return { origin: null };
    return {
      origin: { projectId: item.projectId, projectTitle: item.project.title, itemId: item.id, title: item.title },
    };
  }
}
