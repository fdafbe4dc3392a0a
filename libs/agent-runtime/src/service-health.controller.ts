import { Controller, Get, Header, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { MESSAGE_BUS, type MessageBus } from '@patchbay/bus';
import { metricsRegistry } from '@patchbay/observability';

/** Liveness, readiness (the bus answers) and metrics for a service that has no public API. */
@Controller()
export class ServiceHealthController {
  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  @Get('healthz')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  async ready(): Promise<{ status: 'ready' }> {
    if (!(await this.bus.isReady().catch(() => false))) {
      throw new HttpException({ statusCode: 503, error: 'Service Unavailable', message: 'Not ready: message bus unavailable' }, HttpStatus.SERVICE_UNAVAILABLE);
    }
    return { status: 'ready' };
  }

  @Get('metrics')
  @Header('Content-Type', metricsRegistry.contentType)
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
