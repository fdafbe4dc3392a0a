import { Controller, Get, Header, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { MESSAGE_BUS, type MessageBus } from '@patchbay/bus';
import {
  answerReadiness,
  isReady,
  probeReadiness,
  type ReadinessAnswer,
  type ReadinessCheck,
} from '@patchbay/nest-common';
import { metricsRegistry } from '@patchbay/observability';

/** Liveness, readiness (the bus answers) and metrics for a service that has no public API. */
@Controller()
export class ServiceHealthController {
  private readonly checks: readonly ReadinessCheck[];

  constructor(@Inject(MESSAGE_BUS) bus: MessageBus) {
    this.checks = [probeReadiness('bus', () => bus.isReady())];
  }

  @Get('healthz')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** 200 `{ status: 'ready', checks }`, or 503 in the error shape naming what is down, as the gateway answers. */
  @Get('readyz')
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessAnswer> {
    const answer = await answerReadiness(this.checks);
    if (!isReady(answer)) response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return answer;
  }

  @Get('metrics')
  @Header('Content-Type', metricsRegistry.contentType)
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
