import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { acceptMessage } from '@patchbay/bus';
import { auditRequestedSchema, MessagePatterns } from '@patchbay/contracts';
import { AuditService } from './audit.service';

/** Appends audit entries for actions the platform's services take on their own (not via HTTP). */
@Controller()
export class AuditConsumerController {
  private readonly logger = new Logger(AuditConsumerController.name);

  constructor(private readonly audit: AuditService) {}

  @EventPattern(MessagePatterns.AuditRequested)
  async onAuditRequested(@Payload() payload: unknown): Promise<void> {
    const message = acceptMessage(auditRequestedSchema, payload, this.logger, 'audit request');
    if (!message) return;
    const { service, organisationId, action, targetType, targetId, details } = message;
    await this.audit.record({
      actorId: null,
      actorLogin: `patchbay-${service}`,
      organisationId,
      action,
      targetType,
      targetId,
      requestId: null,
      details,
    });
  }
}
