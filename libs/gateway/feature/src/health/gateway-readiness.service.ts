import { Inject, Injectable } from '@nestjs/common';
import { MESSAGE_BUS, type MessageBus } from '@patchbay/bus';
import { answerReadiness, probeReadiness, type ReadinessAnswer, type ReadinessCheck } from '@patchbay/nest-common';
import { DataSource } from 'typeorm';
import { READINESS_CHECKS } from './readiness-check';

/**
 * Whether the gateway can serve requests: its database and message bus both answer, and whatever
 * else this process needs to do its work (all-in-one: the sandbox engine) is there.
 */
@Injectable()
export class GatewayReadiness {
  private readonly checks: readonly ReadinessCheck[];

  constructor(
    dataSource: DataSource,
    @Inject(MESSAGE_BUS) bus: MessageBus,
    @Inject(READINESS_CHECKS) extraChecks: readonly ReadinessCheck[],
  ) {
    this.checks = [
      probeReadiness('database', () => dataSource.query('SELECT 1').then(() => true)),
      probeReadiness('bus', () => bus.isReady()),
      ...extraChecks,
    ];
  }

  answer(): Promise<ReadinessAnswer> {
    return answerReadiness(this.checks);
  }
}
