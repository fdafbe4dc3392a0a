import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ContainerManager } from './container-manager.service';
import { DependencyInstallService } from './dependency-install.service';
import { EgressAddressPolicy } from './egress-address-policy';
import { EgressNetworkService } from './egress-network.service';
import { HealthController } from './health.controller';
import { McpServerController } from './mcp/mcp-server.controller';
import { McpSessionService } from './mcp/mcp-session.service';
import { OomMonitor } from './oom-monitor.service';
import { ReaperService } from './reaper.service';
import { SandboxAdoptionService } from './sandbox-adoption.service';
import type { SandboxConfig } from './sandbox-config';
import { SandboxEngineStatus } from './sandbox-engine-status';
import { SandboxExceptionFilter } from './sandbox-exception.filter';
import { SandboxExecService } from './sandbox-exec.service';
import { SandboxFilesController } from './sandbox-files.controller';
import { SandboxLifecycleService } from './sandbox-lifecycle.service';
import { SandboxLimitsPolicy } from './sandbox-limits-policy';
import { SandboxMetrics } from './sandbox-metrics';
import { SandboxOperationsService } from './sandbox-operations.service';
import { SandboxRegistry } from './sandbox-registry';
import { SandboxSlots } from './sandbox-slots';
import { SandboxTerminator } from './sandbox-terminator.service';
import { SandboxController } from './sandbox.controller';
import { SandboxService } from './sandbox.service';
import { SANDBOX_CONFIG } from './sandbox.tokens';
import { ServiceTokenGuard } from './service-token.guard';
import { WarmPoolService } from './warm-pool.service';
import { WorkspaceFilesService } from './workspace-files.service';
import { WorkspaceGitService } from './workspace-git.service';
import { PackageCacheVolumes } from './warm-environment/package-cache-volumes';
import { WarmEnvironmentEvictor } from './warm-environment/warm-environment-evictor.service';
import { WarmEnvironmentImages } from './warm-environment/warm-environment-images';
import { WarmEnvironmentService } from './warm-environment/warm-environment.service';

@Module({})
export class SandboxModule {
  static forRoot(config: SandboxConfig): DynamicModule {
    return {
      module: SandboxModule,
      controllers: [HealthController, SandboxController, SandboxFilesController, McpServerController],
      providers: [
        { provide: SANDBOX_CONFIG, useValue: config },
        { provide: APP_GUARD, useClass: ServiceTokenGuard },
        { provide: APP_FILTER, useClass: SandboxExceptionFilter },
        ContainerManager,
        SandboxEngineStatus,
        OomMonitor,
        SandboxRegistry,
        SandboxMetrics,
        SandboxSlots,
        { provide: EgressAddressPolicy, useValue: new EgressAddressPolicy(config.egress.privateAllow) },
        EgressNetworkService,
        SandboxTerminator,
        SandboxExecService,
        WorkspaceFilesService,
        WorkspaceGitService,
        DependencyInstallService,
        WarmPoolService,
        SandboxAdoptionService,
        ReaperService,
        SandboxLimitsPolicy,
        SandboxService,
        SandboxOperationsService,
        SandboxLifecycleService,
        McpSessionService,
        WarmEnvironmentImages,
        PackageCacheVolumes,
        WarmEnvironmentService,
        WarmEnvironmentEvictor,
      ],
      exports: [
        SandboxEngineStatus,
        SandboxService,
        SandboxOperationsService,
        ReaperService,
        WarmPoolService,
        ContainerManager,
        SandboxMetrics,
        WarmEnvironmentEvictor,
      ],
    };
  }
}
