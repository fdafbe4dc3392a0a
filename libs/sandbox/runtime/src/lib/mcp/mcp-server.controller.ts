import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  SANDBOX_API_PREFIX,
  callMcpToolRequestSchema,
  startMcpServerRequestSchema,
  type CallMcpToolCommand,
  type McpServerInfo,
  type McpToolCallResult,
  type StartMcpServerCommand,
} from '@patchbay/contracts';
import { ZodValidationPipe } from '@patchbay/nest-common';
import { SandboxRegistry } from '../sandbox-registry';
import { McpSessionService } from './mcp-session.service';

/** MCP stdio servers inside a sandbox (ADR 0029). Guarded by ServiceTokenGuard like every sandbox route. */
@Controller(SANDBOX_API_PREFIX)
export class McpServerController {
  constructor(
    private readonly registry: SandboxRegistry,
    private readonly sessions: McpSessionService,
  ) {}

  @Post(':id/mcp/servers')
  @HttpCode(200)
  start(
    @Param('id') id: string,
    @Body(new ZodValidationPipe(startMcpServerRequestSchema)) body: StartMcpServerCommand,
  ): Promise<McpServerInfo> {
    return this.sessions.start(this.registry.getRunning(id), body);
  }

  @Get(':id/mcp/servers')
  list(@Param('id') id: string): McpServerInfo[] {
    return this.sessions.list(this.registry.get(id));
  }

  @Post(':id/mcp/servers/:name/calls')
  @HttpCode(200)
  call(
    @Param('id') id: string,
    @Param('name') name: string,
    @Body(new ZodValidationPipe(callMcpToolRequestSchema)) body: CallMcpToolCommand,
  ): Promise<McpToolCallResult> {
    return this.sessions.call(this.registry.getRunning(id), name, body);
  }
}
