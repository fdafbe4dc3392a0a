import { Module } from '@nestjs/common';
import { QuotaService } from './quota.service';
import { QuotasController } from './quotas.controller';

/** Task quotas: the admin API and the check a new task passes. */
@Module({ controllers: [QuotasController], providers: [QuotaService], exports: [QuotaService] })
export class QuotasModule {}
