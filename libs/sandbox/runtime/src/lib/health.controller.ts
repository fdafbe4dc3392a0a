import { Controller, Get, Header } from '@nestjs/common';
import { PublicRoute } from './public-route.decorator';
import { SandboxEngineStatus } from './sandbox-engine-status';
import { SandboxEngineUnavailableError } from './sandbox-errors';
import { SandboxMetrics } from './sandbox-metrics';

/** Liveness, readiness (the Docker engine answers with the sandbox runtimes) and Prometheus metrics; no token required. */
@Controller()
@PublicRoute()
export class HealthController {
  constructor(
    private readonly engine: SandboxEngineStatus,
    private readonly metrics: SandboxMetrics,
  ) {}

  @Get('healthz')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  async ready(): Promise<{ status: 'ready'; runtimes: string[] }> {
    const state = await this.engine.check();
    if (!state.available) throw new SandboxEngineUnavailableError(state.reason);
    return { status: 'ready', runtimes: state.runtimes };
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4')
  metricsText(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
