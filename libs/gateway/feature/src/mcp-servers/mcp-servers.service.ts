import { ConflictException, Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  isOnAllowList,
  type McpRemoteAllowListView,
  type McpServerLaunch,
  type McpServerView,
  type RegisterMcpServerCommand,
} from '@patchbay/contracts';
import { McpServerRepository, RepositoryRepository, type McpServerEntity } from '@patchbay/persistence';
import { mcpCredentialAad, sealSecret, type KeyProvider } from '@patchbay/secrets';
import type { SessionUser } from '../common/session-user';
import { KEY_PROVIDERS } from '../credentials/credentials.service';

function toView(entity: McpServerEntity): McpServerView {
  return {
    id: entity.id,
    name: entity.name,
    transport: entity.transport,
    repositoryId: entity.repositoryId,
    package: entity.package,
    args: entity.args,
    url: entity.url,
    hasCredential: entity.ciphertext !== null,
    readOnlyTools: entity.readOnlyTools,
    createdAt: entity.createdAt.toISOString(),
  };
}

/**
 * The MCP servers an organisation registers (ADR 0029). A remote server must be at an origin its
 * admins allowed; that is checked when it is registered and again when a task would use it, since
 * the allow-list may have shrunk in between.
 */
@Injectable()
export class McpServersService {
  constructor(
    private readonly servers: McpServerRepository,
    private readonly repositories: RepositoryRepository,
    @Inject(KEY_PROVIDERS) private readonly providers: readonly KeyProvider[],
  ) {}

  async register(user: SessionUser, request: RegisterMcpServerCommand): Promise<McpServerView> {
    const { organisationId } = user;
    const repositoryId = request.repositoryId ?? null;
    if (repositoryId && !(await this.repositories.findById(organisationId, repositoryId)))
      throw new NotFoundException(`No repository with id ${repositoryId}`);
    if (await this.servers.findByName(organisationId, repositoryId, request.name))
      throw new ConflictException(`An MCP server named "${request.name}" is already registered there`);
    const id = randomUUID();
    if (request.transport === 'stdio')
      return toView(
        await this.servers.insert({
          id,
          organisationId,
          repositoryId,
          name: request.name,
          transport: 'stdio',
          package: request.package,
          args: request.args,
          url: null,
          readOnlyTools: request.readOnlyTools,
        }),
      );
    const allowList = await this.servers.allowList(organisationId);
    if (!isOnAllowList(request.url, allowList))
      throw new UnprocessableEntityException(
        `${new URL(request.url).origin} is not on the organisation's allow-list for remote MCP servers`,
      );
    const sealed = request.credential
      ? await sealSecret(this.providers[0], request.credential, mcpCredentialAad(organisationId, id))
      : null;
    return toView(
      await this.servers.insert({
        id,
        organisationId,
        repositoryId,
        name: request.name,
        transport: 'http',
        package: null,
        args: [],
        url: request.url,
        readOnlyTools: request.readOnlyTools,
        ...sealed,
      }),
    );
  }

  async list(organisationId: string): Promise<McpServerView[]> {
    return (await this.servers.list(organisationId)).map(toView);
  }

  async remove(user: SessionUser, id: string): Promise<{ id: string }> {
    if (!(await this.servers.findById(user.organisationId, id)))
      throw new NotFoundException(`No MCP server with id ${id}`);
    await this.servers.delete(id);
    return { id };
  }

  async allowList(organisationId: string): Promise<McpRemoteAllowListView> {
    return { origins: await this.servers.allowList(organisationId) };
  }

  async setAllowList(organisationId: string, origins: string[]): Promise<McpRemoteAllowListView & { id: string }> {
    const unique = [...new Set(origins.map((origin) => new URL(origin).origin))];
    await this.servers.setAllowList(organisationId, unique);
    return { id: organisationId, origins: unique };
  }

  /**
   * The stdio servers a task on `repositoryId` runs in its sandbox, and the remote servers it may
   * reach: only those still on the allow-list; the others are named so the task can say why.
   */
  async forTask(
    organisationId: string,
    repositoryId: string,
  ): Promise<{ stdio: McpServerLaunch[]; remote: McpServerView[]; refused: Array<{ name: string; reason: string }> }> {
    const registered = await this.servers.listForRepository(organisationId, repositoryId);
    const allowList = await this.servers.allowList(organisationId);
    const stdio: McpServerLaunch[] = [];
    const remote: McpServerView[] = [];
    const refused: Array<{ name: string; reason: string }> = [];
    for (const server of registered) {
      if (server.transport === 'stdio' && server.package)
        stdio.push({
          name: server.name,
          package: server.package,
          args: server.args,
          readOnlyTools: server.readOnlyTools,
        });
      else if (server.url && isOnAllowList(server.url, allowList)) remote.push(toView(server));
      else refused.push({ name: server.name, reason: 'its origin is no longer on the allow-list' });
    }
    return { stdio, remote, refused };
  }
}
