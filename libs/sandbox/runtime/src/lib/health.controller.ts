import { Controller, Get, Header, HttpException } from '@nestjs/common';
import { ContainerManager } from './container-manager.service';
import { PublicRoute } from './public-route.decorator';
import { SandboxMetrics } from './sandbox-metrics';

/** Liveness, readiness (the Docker engine answers) and Prometheus metrics; no token required. */
@Controller()
@PublicRoute()
export class HealthController {
  constructor(
    private readonly containers: ContainerManager,
    private readonly metrics: SandboxMetrics,
  ) {}

  @Get('healthz')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  async ready(): Promise<{ status: 'ready' }> {
    if (!(await this.containers.ping())) throw new HttpException('docker engine is not reachable', 503);
    return { status: 'ready' };
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4')
  metricsText(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
