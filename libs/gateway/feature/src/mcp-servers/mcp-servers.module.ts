import { Module } from '@nestjs/common';
import { McpServersController } from './mcp-servers.controller';
import { McpServersService } from './mcp-servers.service';

/** MCP servers an organisation registers, and its allow-list for remote ones (ADR 0029). */
@Module({ controllers: [McpServersController], providers: [McpServersService], exports: [McpServersService] })
export class McpServersModule {}
