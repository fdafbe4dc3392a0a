import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  organisationReportQuerySchema,
  type OrganisationReportQuery,
  type OrganisationReportView,
} from '@patchbay/contracts';
import { ZodValidationPipe } from '@patchbay/nest-common';
import { Access } from '../common/access.decorator';
import { CurrentUser, type SessionUser } from '../common/session-user';
import { OrganisationReportService } from './organisation-report.service';

@ApiTags('reports')
@Controller('reports')
export class OrganisationReportController {
  constructor(private readonly report: OrganisationReportService) {}

  @Get('organisation')
  @Access('viewer')
  @ApiOperation({ summary: 'Approval rates, time to merge and reviewers’ feedback over the last N days' })
  organisation(
    @CurrentUser() user: SessionUser,
    @Query(new ZodValidationPipe(organisationReportQuerySchema)) query: OrganisationReportQuery,
  ): Promise<OrganisationReportView> {
    return this.report.forOrganisation(user, query.days);
  }
}
