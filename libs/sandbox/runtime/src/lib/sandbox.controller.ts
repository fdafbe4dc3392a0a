import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import type { Response } from 'express';
import {
  SANDBOX_API_PREFIX,
  createSandboxRequestSchema,
  createSnapshotRequestSchema,
  execRequestSchema,
  installDependenciesRequestSchema,
  setSandboxExpiryRequestSchema,
  type BlockedEgressResponse,
  type CreateSandboxCommand,
  type CreateSnapshotRequest,
  type DependencyInstallResult,
  type DiffResponse,
  type ExecRequest,
  type ExecResult,
  type InstallDependenciesRequest,
  type SandboxInfo,
  type SetSandboxExpiryRequest,
  type SnapshotInfo,
} from '@patchbay/contracts';
import { SandboxOperationsService } from './sandbox-operations.service';
import { SandboxService } from './sandbox.service';
import { ZodValidationPipe } from '@patchbay/nest-common';

/** Sandbox lifecycle, commands, diff, snapshots and egress records. Guarded by ServiceTokenGuard. */
@Controller(SANDBOX_API_PREFIX)
export class SandboxController {
  constructor(
    private readonly sandboxes: SandboxService,
    private readonly operations: SandboxOperationsService,
  ) {}

  @Post()
  create(
    @Body(new ZodValidationPipe(createSandboxRequestSchema)) body: CreateSandboxCommand,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SandboxInfo> {
    return this.sandboxes.create(body, abortedWhenClosed(response));
  }

  /** Every sandbox of one task (`?taskId=`), tracked or left behind: the end of a task removes them all. */
  @Delete()
  async destroyForTask(@Query('taskId') taskId: unknown): Promise<{ removed: number }> {
    if (typeof taskId !== 'string' || !/^[A-Za-z0-9._:-]{1,200}$/.test(taskId))
      throw new BadRequestException('taskId is required: letters, digits and . _ : - (at most 200)');
    return { removed: await this.sandboxes.destroyForTask(taskId) };
  }

  @Get(':id')
  get(@Param('id') id: string): SandboxInfo {
    return this.sandboxes.get(id);
  }

  @Delete(':id')
  @HttpCode(204)
  destroy(@Param('id') id: string): Promise<void> {
    return this.sandboxes.destroy(id);
  }

  @Put(':id/expiry')
  setExpiry(
    @Param('id') id: string,
    @Body(new ZodValidationPipe(setSandboxExpiryRequestSchema)) body: SetSandboxExpiryRequest,
  ): SandboxInfo {
    return this.sandboxes.setExpiry(id, body);
  }

  @Post(':id/exec')
  @HttpCode(200)
  exec(
    @Param('id') id: string,
    @Body(new ZodValidationPipe(execRequestSchema)) body: ExecRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ExecResult> {
    return this.operations.exec(id, body, abortedWhenClosed(response));
  }

  /** NDJSON: one ExecStreamChunk per line, the last one `{ type: "exit" }`. */
  @Post(':id/exec/stream')
  async execStream(
    @Param('id') id: string,
    @Body(new ZodValidationPipe(execRequestSchema)) body: ExecRequest,
    @Res() response: Response,
  ): Promise<void> {
    await this.operations.execStream(
      id,
      body,
      (chunk) => {
        if (!response.headersSent) response.status(200).type('application/x-ndjson').flushHeaders();
        response.write(`${JSON.stringify(chunk)}\n`);
      },
      abortedWhenClosed(response),
    );
    response.end();
  }

  @Get(':id/diff')
  diff(@Param('id') id: string): Promise<DiffResponse> {
    return this.operations.diff(id);
  }

  @Post(':id/snapshots')
  snapshot(
    @Param('id') id: string,
    @Body(new ZodValidationPipe(createSnapshotRequestSchema)) body: CreateSnapshotRequest,
  ): Promise<SnapshotInfo> {
    return this.operations.snapshot(id, body);
  }

  @Post(':id/snapshots/:snapshotId/restore')
  @HttpCode(200)
  restore(@Param('id') id: string, @Param('snapshotId') snapshotId: string): Promise<SnapshotInfo> {
    return this.operations.restore(id, snapshotId);
  }

  @Get(':id/egress/blocked')
  blockedEgress(@Param('id') id: string): BlockedEgressResponse {
    return this.operations.blockedEgress(id);
  }

  @Post(':id/dependencies/install')
  @HttpCode(200)
  installDependencies(
    @Param('id') id: string,
    @Body(new ZodValidationPipe(installDependenciesRequestSchema)) body: InstallDependenciesRequest,
  ): Promise<DependencyInstallResult> {
    return this.operations.installDependencies(id, body);
  }
}

/**
 * A caller that closes its connection before the answer (its task was cancelled, it timed out)
 * no longer wants the command run: the signal kills the command instead of letting it finish, or
 * takes a create still queued for a sandbox slot off the queue.
 */
function abortedWhenClosed(response: Response): AbortSignal {
  const controller = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}
