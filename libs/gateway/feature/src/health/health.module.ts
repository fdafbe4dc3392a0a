import { Module } from '@nestjs/common';
import { GatewayReadiness } from './gateway-readiness.service';
import { HealthController } from './health.controller';

/** /healthz, /readyz and /metrics. READINESS_CHECKS comes from the host (GatewayOptionsModule). */
@Module({ controllers: [HealthController], providers: [GatewayReadiness] })
export class HealthModule {}
