import { Controller, Get, Header, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiExcludeController } from '@nestjs/swagger';
import { MESSAGE_BUS, type MessageBus } from '@patchbay/bus';
import { metricsRegistry } from '@patchbay/observability';
import { DataSource } from 'typeorm';
import { Access } from '../common/access.decorator';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness-check';

/** The `{ statusCode, error, message }` error shape, with each dependency's state. */
interface NotReady {
  statusCode: number;
  error: string;
  message: string;
  checks: Record<string, 'up' | 'down'>;
}

@ApiExcludeController()
@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(READINESS_CHECKS) private readonly extraChecks: readonly ReadinessCheck[],
  ) {}

  /** Liveness: the process answers. Deliberately checks nothing else, so a database outage does not get it killed. */
  @Get('healthz')
  @Access('public')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Readiness: the gateway can serve requests — its database and message bus both answer — and
   * whatever else this process needs to do its work (all-in-one: the sandbox engine) is there.
   */
  @Get('readyz')
  @Access('public')
  async ready(@Res({ passthrough: true }) response: Response): Promise<{ status: 'ready'; checks: Record<string, 'up'> } | NotReady> {
    const [database, bus, ...extra] = await Promise.all([
      this.dataSource.query('SELECT 1').then(() => true, () => false),
      this.bus.isReady().catch(() => false),
      ...this.extraChecks.map((check) => check.check().catch((error: unknown) => ({ up: false as const, reason: error instanceof Error ? error.message : String(error) }))),
    ]);
    const checks: Record<string, 'up' | 'down'> = { database: database ? 'up' : 'down', bus: bus ? 'up' : 'down' };
    const reasons = [!database && 'database unavailable', !bus && 'message bus unavailable'].filter((reason): reason is string => typeof reason === 'string');
    this.extraChecks.forEach((check, index) => {
      const result = extra[index];
      checks[check.name] = result?.up ? 'up' : 'down';
      if (result && !result.up) reasons.push(`${check.name}: ${result.reason}`);
    });
    if (reasons.length > 0) {
      // Answered, not thrown: being unready is a state the probe asks about, not an error to log on every probe.
      response.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { statusCode: HttpStatus.SERVICE_UNAVAILABLE, error: 'Service Unavailable', message: `Not ready: ${reasons.join('; ')}`, checks };
    }
    return { status: 'ready', checks: checks as Record<string, 'up'> };
  }

  @Get('metrics')
  @Access('public')
  @Header('Content-Type', metricsRegistry.contentType)
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
