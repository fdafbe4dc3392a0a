import { Controller, Get, Header, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { MESSAGE_BUS, type MessageBus } from '@patchbay/bus';
import { metricsRegistry } from '@patchbay/observability';
import { DataSource } from 'typeorm';
import { Access } from '../common/access.decorator';

@ApiExcludeController()
@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  /** Liveness: the process answers. Deliberately checks nothing else, so a database outage does not get it killed. */
  @Get('healthz')
  @Access('public')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: the gateway can serve requests — its database and message bus both answer. */
  @Get('readyz')
  @Access('public')
  async ready(): Promise<{ status: 'ready'; checks: Record<string, 'up'> }> {
    const [database, bus] = await Promise.all([
      this.dataSource.query('SELECT 1').then(() => true, () => false),
      this.bus.isReady().catch(() => false),
    ]);
    if (!database || !bus) {
      throw new HttpException(
        { message: `Not ready: ${[!database && 'database', !bus && 'message bus'].filter(Boolean).join(' and ')} unavailable`, checks: { database: database ? 'up' : 'down', bus: bus ? 'up' : 'down' } },
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    }
    return { status: 'ready', checks: { database: 'up', bus: 'up' } };
  }

  @Get('metrics')
  @Access('public')
  @Header('Content-Type', metricsRegistry.contentType)
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
