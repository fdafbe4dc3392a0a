import { Controller, Get, Header, HttpStatus, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiExcludeController } from '@nestjs/swagger';
import { isReady, type ReadinessAnswer } from '@patchbay/nest-common';
import { metricsRegistry } from '@patchbay/observability';
import { Access } from '../common/access.decorator';
import { GatewayReadiness } from './gateway-readiness.service';

@ApiExcludeController()
@Controller()
export class HealthController {
  constructor(private readonly readiness: GatewayReadiness) {}

  /** Liveness: the process answers. Deliberately checks nothing else, so a database outage does not get it killed. */
  @Get('healthz')
  @Access('public')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: 200 with each check, or 503 naming what is down. */
  @Get('readyz')
  @Access('public')
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessAnswer> {
    const answer = await this.readiness.answer();
    // Answered, not thrown: being unready is a state the probe asks about, not an error to log on every probe.
    if (!isReady(answer)) response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return answer;
  }

  @Get('metrics')
  @Access('public')
  @Header('Content-Type', metricsRegistry.contentType)
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
