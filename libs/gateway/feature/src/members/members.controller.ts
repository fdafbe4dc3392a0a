import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { changeRoleRequestSchema, type MemberView } from '@patchbay/contracts';
import { z } from 'zod';
import { Access } from '../common/access.decorator';
import { ApiZodBody } from '../common/api-zod-body.decorator';
import { Audited } from '../common/audited.decorator';
import { CurrentUser, type SessionUser } from '../common/session-user';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { ZodValidationPipe } from '@patchbay/nest-common';
import { MembersService } from './members.service';

@ApiTags('admin')
@Controller('admin/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @Access('admin')
  @ApiOperation({ summary: "The organisation's members and their roles" })
  list(@CurrentUser() user: SessionUser): Promise<MemberView[]> {
    return this.members.list(user.organisationId);
  }

  @Put(':userId/role')
  @Access('admin')
  @Audited('member.change-role', 'user', 'userId')
  @ApiOperation({ summary: "Change a member's role (admin | developer | viewer)" })
  @ApiZodBody(changeRoleRequestSchema)
  changeRole(
    @CurrentUser() user: SessionUser,
    @Param('userId', new UuidParamPipe('userId')) userId: string,
    @Body(new ZodValidationPipe(changeRoleRequestSchema)) body: z.infer<typeof changeRoleRequestSchema>,
  ): Promise<MemberView> {
    return this.members.changeRole(user.organisationId, userId, body.role);
  }
}
