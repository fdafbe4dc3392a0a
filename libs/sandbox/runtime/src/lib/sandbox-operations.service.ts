import { Injectable } from '@nestjs/common';
import type {
  BlockedEgressResponse,
  CreateSnapshotRequest,
  DependencyInstallResult,
  DiffResponse,
  ExecRequest,
  ExecResult,
  ExecStreamChunk,
  InstallDependenciesRequest,
  ListFilesResponse,
  ReadFileQuery,
  ReadFileResponse,
  SearchResponse,
  SnapshotInfo,
  WriteFileRequest,
  WriteFileResponse,
} from '@patchbay/contracts';
import { DependencyInstallService } from './dependency-install.service';
import { SandboxExecService } from './sandbox-exec.service';
import { SandboxRegistry } from './sandbox-registry';
import { WorkspaceFilesService } from './workspace-files.service';
import { WorkspaceGitService } from './workspace-git.service';

/** Resolves a sandbox id to a running sandbox and hands the operation to the service that owns it. */
@Injectable()
export class SandboxOperationsService {
  constructor(
    private readonly registry: SandboxRegistry,
    private readonly execService: SandboxExecService,
    private readonly files: WorkspaceFilesService,
    private readonly git: WorkspaceGitService,
    private readonly dependencies: DependencyInstallService,
  ) {}

  exec(id: string, request: ExecRequest, signal?: AbortSignal): Promise<ExecResult> {
    return this.execService.exec(this.registry.getRunning(id), request, { signal });
  }

  async execStream(
    id: string,
    request: ExecRequest,
    emit: (chunk: ExecStreamChunk) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    const result = await this.execService.exec(this.registry.getRunning(id), request, {
      signal,
      onStdout: (chunk) => emit({ type: 'stdout', data: chunk.toString('utf8') }),
      onStderr: (chunk) => emit({ type: 'stderr', data: chunk.toString('utf8') }),
    });
    emit({ type: 'exit', result });
  }

  readFile(id: string, query: ReadFileQuery): Promise<ReadFileResponse> {
    return this.files.read(this.registry.getRunning(id), query.path, query.startLine, query.endLine);
  }

  writeFile(id: string, request: WriteFileRequest): Promise<WriteFileResponse> {
    return this.files.write(this.registry.getRunning(id), request.path, request.content);
  }

  deleteFile(id: string, path: string): Promise<void> {
    return this.files.remove(this.registry.getRunning(id), path);
  }

  list(
    id: string,
    query: { path: string; recursive: boolean; ignore?: string; maxEntries: number },
  ): Promise<ListFilesResponse> {
    return this.files.list(this.registry.getRunning(id), query.path, query.recursive, query.ignore, query.maxEntries);
  }

  search(
    id: string,
    request: {
      pattern: string;
      path?: string;
      glob?: string;
      fixedStrings?: boolean;
      caseInsensitive?: boolean;
      maxResults: number;
    },
  ): Promise<SearchResponse> {
    return this.files.search(this.registry.getRunning(id), request);
  }

  diff(id: string): Promise<DiffResponse> {
    return this.git.diff(this.registry.getRunning(id));
  }

  snapshot(id: string, request: CreateSnapshotRequest): Promise<SnapshotInfo> {
    return this.git.snapshot(this.registry.getRunning(id), request.label);
  }

  restore(id: string, snapshotId: string): Promise<SnapshotInfo> {
    return this.git.restore(this.registry.getRunning(id), snapshotId);
  }

  blockedEgress(id: string): BlockedEgressResponse {
    const record = this.registry.get(id);
    return {
      sandboxId: id,
      monitored: record.egressIp !== null,
      attempts: record.blockedEgress.attempts,
      dropped: record.blockedEgress.dropped,
    };
  }

  installDependencies(id: string, request: InstallDependenciesRequest): Promise<DependencyInstallResult> {
    return this.dependencies.install(this.registry.getRunning(id), request);
  }
}
