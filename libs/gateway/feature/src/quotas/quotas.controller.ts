import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { setQuotaRequestSchema, type QuotaStatus, type SetQuotaRequest } from '@patchbay/contracts';
import { Access } from '../common/access.decorator';
import { ApiZodBody } from '../common/api-zod-body.decorator';
import { Audited } from '../common/audited.decorator';
import { CurrentUser, type SessionUser } from '../common/session-user';
import { ZodValidationPipe } from '@patchbay/nest-common';
import { QuotaService } from './quota.service';

@ApiTags('admin')
@Controller('admin/quotas')
export class QuotasController {
  constructor(private readonly quotas: QuotaService) {}

  @Get()
  @Access('admin')
  @ApiOperation({ summary: 'Limits and current usage, organisation-wide and per user' })
  status(@CurrentUser() user: SessionUser): Promise<QuotaStatus[]> {
    return this.quotas.status(user.organisationId);
  }

  @Put()
  @Access('admin')
  @Audited('quota.set', 'quota')
  @ApiOperation({ summary: 'Set a limit for the organisation or for one user' })
  @ApiZodBody(setQuotaRequestSchema)
  set(
    @CurrentUser() user: SessionUser,
    @Body(new ZodValidationPipe(setQuotaRequestSchema)) body: SetQuotaRequest,
  ): Promise<QuotaStatus[]> {
    return this.quotas.setLimit(user.organisationId, body);
  }
}
