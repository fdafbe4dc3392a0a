import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Access } from '../common/access.decorator';
import { CurrentUser, type SessionUser } from '../common/session-user';
import { ZodValidationPipe } from '@patchbay/nest-common';
import type { AuditVerification } from '@patchbay/contracts';
import { AuditService } from './audit.service';

const auditListQuerySchema = z.strictObject({
  // Entry ids are positions in the organisation's chain (1, 2, …), not global row ids.
  after: z
    .string()
    .regex(/^\d{1,18}$/, 'after must be an audit entry id')
    .default('0'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

@ApiTags('admin')
@Controller('admin/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Access('admin')
  @ApiOperation({ summary: "The organisation's audit entries, oldest first" })
  list(
    @CurrentUser() user: SessionUser,
    @Query(new ZodValidationPipe(auditListQuerySchema)) query: z.infer<typeof auditListQuerySchema>,
  ) {
    return this.audit.list(user.organisationId, query.after, query.limit);
  }

  @Get('verify')
  @Access('admin')
  @ApiOperation({ summary: "Recompute the organisation's hash chain: { valid, count, brokenAt? }" })
  verify(@CurrentUser() user: SessionUser): Promise<AuditVerification> {
    return this.audit.verifyChain(user.organisationId);
  }
}
