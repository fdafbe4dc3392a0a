import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import {
  BacklogConversationEntity,
  BacklogItemEntity,
  BacklogMessageEntity,
  BacklogProjectEntity,
  BacklogVersionEntity,
  type BacklogVersionItem,
} from '../entities';

function fieldsOf(item: BacklogItemEntity): BacklogVersionItem {
  return {
    id: item.id,
    parentId: item.parentId,
    title: item.title,
    description: item.description,
    acceptanceCriteria: item.acceptanceCriteria,
    status: item.status,
    position: item.position,
    taskId: item.taskId,
  };
}

/**
 * The backlog planner's tables (ADR 0035). A patch is applied in one transaction that holds the
 * project row's lock: the version check, the tree's replacement, the version row and the
 * decision all commit together, so two accepts on one base cannot both win.
 */
@Injectable()
export class BacklogRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  insertProject(fields: Partial<BacklogProjectEntity>): Promise<BacklogProjectEntity> {
    const projects = this.dataSource.getRepository(BacklogProjectEntity);
    return projects.save(projects.create(fields));
  }

  listProjects(organisationId: string): Promise<BacklogProjectEntity[]> {
    return this.dataSource
      .getRepository(BacklogProjectEntity)
      .find({ where: { organisationId }, relations: { creator: true }, order: { createdAt: 'DESC' } });
  }

  findProject(organisationId: string, id: string): Promise<BacklogProjectEntity | null> {
    return this.dataSource
      .getRepository(BacklogProjectEntity)
      .findOne({ where: { organisationId, id }, relations: { creator: true } });
  }

  async deleteProject(id: string): Promise<void> {
    await this.dataSource.getRepository(BacklogProjectEntity).delete({ id });
  }

  /** Locks the project row for the rest of the transaction: patches and links are serialised per project. */
  lockProject(manager: EntityManager, organisationId: string, id: string): Promise<BacklogProjectEntity | null> {
    return manager
      .getRepository(BacklogProjectEntity)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.id = :id AND p.organisation_id = :organisationId', { id, organisationId })
      .getOne();
  }

  /** The tree as of the current version, with each linked coding task and its repository. */
  items(projectId: string, manager: EntityManager = this.dataSource.manager): Promise<BacklogItemEntity[]> {
    return manager.getRepository(BacklogItemEntity).find({
      where: { projectId },
      relations: { task: { repository: true } },
      order: { position: 'ASC' },
    });
  }

  /** The tree's own fields, without relations: what the planner's rules read and a version keeps. */
  async tree(projectId: string, manager: EntityManager = this.dataSource.manager): Promise<BacklogVersionItem[]> {
    return (await manager.getRepository(BacklogItemEntity).find({ where: { projectId } })).map(fieldsOf);
  }

  /** Replaces the project's tree with the next version's and records the version, in the caller's transaction. */
  async writeVersion(
    manager: EntityManager,
    project: BacklogProjectEntity,
    version: Omit<BacklogVersionEntity, 'project' | 'acceptor' | 'createdAt'>,
  ): Promise<void> {
    const items = version.items.map((item) => ({ ...item, projectId: project.id }));
    const repository = manager.getRepository(BacklogItemEntity);
    const kept = new Set(items.map((item) => item.id));
    const gone = (await repository.find({ where: { projectId: project.id }, select: { id: true } }))
      .map((item) => item.id)
      .filter((id) => !kept.has(id));
    if (gone.length > 0) await repository.delete({ id: In(gone) });
    if (items.length > 0) await repository.save(items.map((item) => repository.create(item)));
    await manager.getRepository(BacklogVersionEntity).insert(version);
    await manager.getRepository(BacklogProjectEntity).update({ id: project.id }, { version: version.version });
  }

  /** Links a leaf to its coding task, unless another request linked it first; returns whether this one did. */
  async linkTask(manager: EntityManager, itemId: string, taskId: string): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(BacklogItemEntity)
      .set({ taskId })
      .where('id = :itemId AND task_id IS NULL', { itemId })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  findItemByTask(organisationId: string, taskId: string): Promise<BacklogItemEntity | null> {
    return this.dataSource
      .getRepository(BacklogItemEntity)
      .createQueryBuilder('i')
      .innerJoinAndSelect('i.project', 'p')
      .where('i.task_id = :taskId AND p.organisation_id = :organisationId', { taskId, organisationId })
      .getOne();
  }

  versions(projectId: string): Promise<BacklogVersionEntity[]> {
    return this.dataSource
      .getRepository(BacklogVersionEntity)
      .find({ where: { projectId }, relations: { acceptor: true }, order: { version: 'DESC' } });
  }

  insertConversation(fields: Partial<BacklogConversationEntity>): Promise<BacklogConversationEntity> {
    const conversations = this.dataSource.getRepository(BacklogConversationEntity);
    return conversations.save(conversations.create(fields));
  }

  conversations(projectId: string): Promise<BacklogConversationEntity[]> {
    return this.dataSource
      .getRepository(BacklogConversationEntity)
      .find({ where: { projectId }, relations: { creator: true }, order: { createdAt: 'DESC' } });
  }

  /** A conversation with its project, only within the organisation. */
  findConversation(organisationId: string, id: string): Promise<BacklogConversationEntity | null> {
    return this.dataSource
      .getRepository(BacklogConversationEntity)
      .createQueryBuilder('c')
      .innerJoinAndSelect('c.project', 'p')
      .leftJoinAndSelect('c.creator', 'u')
      .where('c.id = :id AND p.organisation_id = :organisationId', { id, organisationId })
      .getOne();
  }

  insertMessage(
    fields: Partial<BacklogMessageEntity>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<BacklogMessageEntity> {
    const messages = manager.getRepository(BacklogMessageEntity);
    return messages.save(messages.create(fields));
  }

  /** The conversation in order, each message with its author. */
  messages(conversationId: string): Promise<BacklogMessageEntity[]> {
    return this.dataSource
      .getRepository(BacklogMessageEntity)
      .find({ where: { conversationId }, relations: { author: true }, order: { createdAt: 'ASC' } });
  }

  /** A proposal with its conversation and project, only within the organisation. */
  findProposal(organisationId: string, id: string): Promise<BacklogMessageEntity | null> {
    return this.dataSource
      .getRepository(BacklogMessageEntity)
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.conversation', 'c')
      .innerJoinAndSelect('c.project', 'p')
      .where("m.id = :id AND m.kind = 'proposal' AND p.organisation_id = :organisationId", { id, organisationId })
      .getOne();
  }

  /** The decision on a proposal, if one was made; read under the project's lock to decide once. */
  findDecision(
    proposalId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<BacklogMessageEntity | null> {
    return manager.getRepository(BacklogMessageEntity).findOneBy({ proposalId, kind: 'decision' });
  }
}
