export {
  loadSandboxConfig,
  SandboxConfigError,
  DEFAULT_EGRESS_ALLOW_LIST,
  type SandboxConfig,
} from './lib/sandbox-config';
export { SandboxModule } from './lib/sandbox.module';
export { createSandboxApplication } from './lib/sandbox-app.factory';
export { SandboxService } from './lib/sandbox.service';
export { SandboxOperationsService } from './lib/sandbox-operations.service';
export { ReaperService, type ReapReport } from './lib/reaper.service';
export { WarmPoolService } from './lib/warm-pool.service';
export { ContainerManager } from './lib/container-manager.service';
export { SandboxMetrics } from './lib/sandbox-metrics';
export { EgressProxy, type EgressPolicy, type EgressDecision } from './lib/egress-proxy';
export { SANDBOX_LABELS } from './lib/sandbox-labels';
export { toWorkspacePath, isInsideWorkspace, WorkspacePathError, WORKSPACE_ROOT } from './lib/workspace-path';
export { planDependencyInstall } from './lib/dependency-detection';
export { classifyInstallFailure } from './lib/install-failure-classifier';
export { startColocatedSandbox, type ColocatedSandbox } from './lib/colocated-sandbox';
export {
  dockerEndpointFromEnv,
  DockerEndpointError,
  DEFAULT_DOCKER_SOCKET,
  type DockerEndpoint,
} from './lib/docker-endpoint';
export { SandboxEngineStatus, type SandboxEngineState } from './lib/sandbox-engine-status';
