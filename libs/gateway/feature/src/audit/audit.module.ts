import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditConsumerController } from './audit-consumer.controller';
import { AuditController } from './audit.controller';
import { AuditInterceptor } from './audit.interceptor';
import { AuditService } from './audit.service';

/** The hash-chained audit log: the interceptor behind @Audited routes, the admin API, and the services' audit requests. */
@Module({
  controllers: [AuditController, AuditConsumerController],
  providers: [AuditService, { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
  exports: [AuditService],
})
export class AuditModule {}
