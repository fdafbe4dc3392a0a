import { Body, Controller, Get, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  setEgressAllowedHostsRequestSchema,
  type EgressAllowedHostsView,
  registerRepositoryRequestSchema,
  updateRepositoryRequestSchema,
  type RegisterRepositoryRequest,
} from '@patchbay/contracts';
import { z } from 'zod';
import { Access } from '../common/access.decorator';
import { ApiZodBody } from '../common/api-zod-body.decorator';
import { Audited } from '../common/audited.decorator';
import { CurrentUser, type SessionUser } from '../common/session-user';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { ZodValidationPipe } from '@patchbay/nest-common';
import { RepositoriesService } from './repositories.service';
import { RepositoryEgressHostsService } from './repository-egress-hosts.service';
import type { RepositoryView } from '@patchbay/contracts';

@ApiTags('repositories')
@Controller('repositories')
export class RepositoriesController {
  constructor(
    private readonly repositories: RepositoriesService,
    private readonly egressHosts: RepositoryEgressHostsService,
  ) {}

  @Get()
  @Access('viewer')
  @ApiOperation({ summary: "The organisation's registered repositories (its allow-list)" })
  list(@CurrentUser() user: SessionUser): Promise<RepositoryView[]> {
    return this.repositories.list(user.organisationId);
  }

  @Get(':id')
  @Access('viewer')
  @ApiOperation({ summary: 'One repository with its settings' })
  get(@CurrentUser() user: SessionUser, @Param('id', new UuidParamPipe()) id: string): Promise<RepositoryView> {
    return this.repositories.get(user.organisationId, id);
  }

  @Post()
  @Access('admin')
  @Audited('repository.register', 'repository')
  @ApiOperation({ summary: 'Register a GitHub repository or import one into the local forge' })
  @ApiZodBody(registerRepositoryRequestSchema)
  register(
    @CurrentUser() user: SessionUser,
    @Body(new ZodValidationPipe(registerRepositoryRequestSchema)) body: RegisterRepositoryRequest,
  ): Promise<RepositoryView> {
    return this.repositories.register(user.organisationId, body);
  }

  @Patch(':id')
  @Access('admin')
  @Audited('repository.update', 'repository', 'id')
  @ApiOperation({ summary: 'Allow or disallow a repository, or change its settings' })
  @ApiZodBody(updateRepositoryRequestSchema)
  update(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(updateRepositoryRequestSchema)) body: z.infer<typeof updateRepositoryRequestSchema>,
  ): Promise<RepositoryView> {
    return this.repositories.update(user.organisationId, id, body);
  }

  @Put(':id/egress-allowed-hosts')
  @Access('admin')
  @Audited('repository.egress_allowed_hosts', 'repository', 'id')
  @ApiOperation({
    summary:
      "Replace the hosts (host or host:port, default port 443) the repository's task sandboxes may reach through the egress proxy",
  })
  @ApiZodBody(setEgressAllowedHostsRequestSchema)
  setEgressAllowedHosts(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(setEgressAllowedHostsRequestSchema))
    body: z.infer<typeof setEgressAllowedHostsRequestSchema>,
  ): Promise<EgressAllowedHostsView> {
    return this.egressHosts.set(user.organisationId, id, body.hosts);
  }
}
