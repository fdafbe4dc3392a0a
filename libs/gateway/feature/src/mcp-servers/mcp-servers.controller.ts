import { Body, Controller, Delete, Get, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  registerMcpServerRequestSchema,
  setMcpRemoteAllowListRequestSchema,
  type McpRemoteAllowListView,
  type McpServerView,
  type RegisterMcpServerCommand,
  type SetMcpRemoteAllowListRequest,
} from '@patchbay/contracts';
import { ZodValidationPipe } from '@patchbay/nest-common';
import { Access } from '../common/access.decorator';
import { ApiZodBody } from '../common/api-zod-body.decorator';
import { Audited } from '../common/audited.decorator';
import { CurrentUser, type SessionUser } from '../common/session-user';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { McpServersService } from './mcp-servers.service';

@ApiTags('mcp-servers')
@Controller('mcp-servers')
export class McpServersController {
  constructor(private readonly mcpServers: McpServersService) {}

  @Get()
  @Access('developer')
  @ApiOperation({
    summary: 'MCP servers registered for the organisation and its repositories (credentials never shown)',
  })
  list(@CurrentUser() user: SessionUser): Promise<McpServerView[]> {
    return this.mcpServers.list(user.organisationId);
  }

  @Post()
  @Access('admin')
  @Audited('mcp_server.register', 'mcp_server')
  @ApiOperation({ summary: 'Register a stdio MCP server (run in the task sandbox) or a remote one on the allow-list' })
  @ApiZodBody(registerMcpServerRequestSchema)
  register(
    @CurrentUser() user: SessionUser,
    @Body(new ZodValidationPipe(registerMcpServerRequestSchema)) body: RegisterMcpServerCommand,
  ): Promise<McpServerView> {
    return this.mcpServers.register(user, body);
  }

  @Delete(':id')
  @Access('admin')
  @Audited('mcp_server.delete', 'mcp_server', 'id')
  @ApiOperation({ summary: 'Remove a registered MCP server' })
  remove(@CurrentUser() user: SessionUser, @Param('id', new UuidParamPipe()) id: string): Promise<{ id: string }> {
    return this.mcpServers.remove(user, id);
  }

  @Get('remote-allow-list')
  @Access('developer')
  @ApiOperation({ summary: 'The https origins remote MCP servers may be registered at' })
  allowList(@CurrentUser() user: SessionUser): Promise<McpRemoteAllowListView> {
    return this.mcpServers.allowList(user.organisationId);
  }

  @Put('remote-allow-list')
  @Access('admin')
  @Audited('mcp_server.allow_list', 'organisation')
  @ApiOperation({ summary: 'Replace the allow-list of https origins for remote MCP servers' })
  @ApiZodBody(setMcpRemoteAllowListRequestSchema)
  setAllowList(
    @CurrentUser() user: SessionUser,
    @Body(new ZodValidationPipe(setMcpRemoteAllowListRequestSchema)) body: SetMcpRemoteAllowListRequest,
  ): Promise<McpRemoteAllowListView> {
    return this.mcpServers.setAllowList(user.organisationId, body.origins);
  }
}
