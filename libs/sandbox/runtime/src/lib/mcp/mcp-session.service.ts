import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CallMcpToolCommand, McpServerInfo, McpToolCallResult, StartMcpServerCommand } from '@patchbay/contracts';
import { ContainerManager } from '../container-manager.service';
import { EgressAddressPolicy } from '../egress-address-policy';
import type { SandboxConfig } from '../sandbox-config';
import { SANDBOX_CONFIG } from '../sandbox.tokens';
import { EXEC_ID_VARIABLE } from '../exec-process-killer';
import { SandboxBadRequestError, SandboxError } from '../sandbox-errors';
import { SandboxExecService } from '../sandbox-exec.service';
import type { SandboxRecord } from '../sandbox-record';
import { ExecStdioTransport } from './exec-stdio-transport';
import { McpSession } from './mcp-session';
import { openRemoteMcpSession, remoteMcpNetwork, type RemoteMcpStart } from './remote-mcp-session';
import type { RemoteMcpNetwork } from './remote-mcp-fetch';

/** Where a server's package is installed: the agent's home (a tmpfs), outside the repository's workspace. */
const MCP_HOME = '/home/agent/.patchbay-mcp';
const DEFAULT_START_TIMEOUT_MS = 180_000;
const DEFAULT_CALL_TIMEOUT_MS = 60_000;
/** A remote server installs nothing: connecting and listing its tools is quick or it is not working. */
const DEFAULT_REMOTE_START_TIMEOUT_MS = 30_000;
/** The largest single message a server may send; a larger one cuts it off (a tool's answer is text for a model). */
export const MCP_MAX_MESSAGE_BYTES = 1024 * 1024;

/**
 * Installs the server with npm, through the sandbox's own egress (registries only), and prints
 * the absolute path of the script its package declares as its command. Arguments arrive in the
 * environment, never in the shell text.
 */
const INSTALL_SCRIPT = [
  'mkdir -p "$MCP_DIR" && cd "$MCP_DIR" || exit 1',
  'npm install --no-audit --no-fund --no-package-lock --omit=dev --loglevel=error "$MCP_PACKAGE" >&2 || exit 1',
  `exec node -e '${[
    'const path = require("path");',
    'const dir = path.join(process.env.MCP_DIR, "node_modules", process.env.MCP_PACKAGE_NAME);',
    'const manifest = require(path.join(dir, "package.json"));',
    'const own = manifest.name.split("/").pop();',
    'const bin = typeof manifest.bin === "string" ? manifest.bin : manifest.bin && (manifest.bin[own] || Object.values(manifest.bin)[0]);',
    'if (!bin) { console.error("the package declares no command (bin)"); process.exit(3); }',
    'console.log(path.join(dir, bin));',
  ].join(' ')}'`,
].join('\n');

export class McpServerConflictError extends SandboxError {
  constructor(message: string) {
    super(409, 'Conflict', message);
  }
}

export class McpServerNotFoundError extends SandboxError {
  constructor(sandboxId: string, name: string) {
    super(404, 'Not Found', `sandbox "${sandboxId}" runs no MCP server named "${name}"`);
  }
}

/** The MCP servers running in each sandbox; they end with it. */
@Injectable()
export class McpSessionService implements OnApplicationShutdown {
  private readonly logger = new Logger(McpSessionService.name);
  private readonly sessions = new Map<string, Map<string, McpSession>>();
  private readonly remoteNetwork: RemoteMcpNetwork;

  constructor(
    private readonly containers: ContainerManager,
    private readonly exec: SandboxExecService,
    addresses: EgressAddressPolicy,
    @Inject(SANDBOX_CONFIG) config: SandboxConfig,
  ) {
    this.remoteNetwork = remoteMcpNetwork(addresses, config.mcpRemote);
  }

  /**
   * Installs and starts a server, or returns the one already started under that name. A server
   * that was cut off stays cut off: starting it again is refused.
   */
  async start(record: SandboxRecord, command: StartMcpServerCommand): Promise<McpServerInfo> {
    const existing = this.sessions.get(record.id)?.get(command.name);
    const what = 'url' in command ? command.url : command.package;
    if (existing) {
      if (existing.packageSpec !== what)
        throw new McpServerConflictError(`MCP server "${command.name}" already runs ${existing.packageSpec}`);
      return existing.info();
    }
    if ('url' in command) return this.startRemote(record, command);
    const timeoutMs = command.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
    const started = performance.now();
    const installed = await this.exec.exec(record, {
      command: INSTALL_SCRIPT,
      env: {
        MCP_DIR: `${MCP_HOME}/${command.name}`,
        MCP_PACKAGE: command.package,
        MCP_PACKAGE_NAME: command.package.slice(0, command.package.lastIndexOf('@')),
      },
      timeoutMs,
    });
    const script = installed.stdout.trim().split('\n').pop() ?? '';
    if (installed.exitCode !== 0 || !script.startsWith(MCP_HOME))
      throw new SandboxBadRequestError(
        `MCP server "${command.name}": installing ${command.package} failed${installed.timedOut ? ' (timed out)' : ''}: ${installed.stderr.trim().slice(-1_000)}`,
      );

    const execId = randomUUID();
    const transport = new ExecStdioTransport(
      (hooks) =>
        this.containers.exec(record.containerId, {
          cmd: ['node', script, ...command.args],
          env: [
            ...Object.entries(record.env).map(([key, value]) => `${key}=${value}`),
            `${EXEC_ID_VARIABLE}=${execId}`,
          ],
          interactive: true,
          ...hooks,
        }),
      MCP_MAX_MESSAGE_BYTES,
    );
    const session = new McpSession(command.name, command.package, transport, async () => {
      await this.exec.killExecProcesses(record, execId);
    });
    this.remember(record, session);
    const remaining = Math.max(1_000, timeoutMs - Math.round(performance.now() - started));
    try {
      await session.open(remaining);
    } catch (error) {
      throw new SandboxBadRequestError(
        `MCP server "${command.name}" (${command.package}) did not start: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    this.logger.log(`sandbox ${record.id}: MCP server ${command.name} (${command.package}) started`);
    return session.info();
  }

  /**
   * Connects to a remote (Streamable HTTP) server for the sandbox's task (ADR 0029). The session
   * is remembered even when it fails, so the failure stands for the task as a cut-off does.
   */
  private async startRemote(record: SandboxRecord, command: RemoteMcpStart): Promise<McpServerInfo> {
    const session = openRemoteMcpSession(command, this.remoteNetwork, MCP_MAX_MESSAGE_BYTES);
    this.remember(record, session);
    try {
      await session.open(command.startTimeoutMs ?? DEFAULT_REMOTE_START_TIMEOUT_MS);
    } catch (error) {
      throw new SandboxBadRequestError(
        `MCP server "${command.name}" (${command.url}) is not reachable: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    this.logger.log(`sandbox ${record.id}: connected to remote MCP server ${command.name} (${command.url})`);
    return session.info();
  }

  /** The servers' exec streams would keep the process alive after the sandboxes are gone. */
  async onApplicationShutdown(): Promise<void> {
    const all = [...this.sessions.values()].flatMap((byName) => [...byName.values()]);
    this.sessions.clear();
    await Promise.all(all.map((session) => session.cutOff('the sandbox service stopped')));
  }

  list(record: SandboxRecord): McpServerInfo[] {
    return [...(this.sessions.get(record.id)?.values() ?? [])].map((session) => session.info());
  }

  get(record: SandboxRecord, name: string): McpServerInfo {
    return this.session(record, name).info();
  }

  async call(record: SandboxRecord, name: string, command: CallMcpToolCommand): Promise<McpToolCallResult> {
    const session = this.session(record, name);
    if (session.state === 'running' && !session.hasTool(command.tool))
      throw new SandboxBadRequestError(`MCP server "${name}" offers no tool named "${command.tool}"`);
    const result = await session.call(command.tool, command.arguments, command.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS);
    if (result.outcome === 'cut_off')
      this.logger.warn(`sandbox ${record.id}: MCP server ${name} cut off: ${result.reason}`);
    return result;
  }

  private session(record: SandboxRecord, name: string): McpSession {
    const session = this.sessions.get(record.id)?.get(name);
    if (!session) throw new McpServerNotFoundError(record.id, name);
    return session;
  }

  private remember(record: SandboxRecord, session: McpSession): void {
    let byName = this.sessions.get(record.id);
    if (!byName) {
      byName = new Map();
      this.sessions.set(record.id, byName);
      // The servers' processes die with the container; their clients are dropped with it.
      void record.stopped.then(() => {
        for (const ended of this.sessions.get(record.id)?.values() ?? [])
          void ended.cutOff('the sandbox stopped').catch(() => undefined);
        this.sessions.delete(record.id);
      });
    }
    byName.set(session.name, session);
  }
}
