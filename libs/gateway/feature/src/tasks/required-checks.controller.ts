import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, type PipeTransform } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  REQUIRED_CHECK_NAME_PATTERN,
  waiveCheckRequestSchema,
  type RequiredChecksView,
  type WaiveCheckRequest,
} from '@patchbay/contracts';
import { ZodValidationPipe } from '@patchbay/nest-common';
import { Access } from '../common/access.decorator';
import { ApiZodBody } from '../common/api-zod-body.decorator';
import { Audited } from '../common/audited.decorator';
import { CurrentUser, type SessionUser } from '../common/session-user';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { RequiredChecksService } from './required-checks.service';

/** A check name in a path is refused before any lookup unless it is one a repository could have given. */
class CheckNameParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!REQUIRED_CHECK_NAME_PATTERN.test(value))
      throw new BadRequestException(
        'name: a check name is 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit',
      );
    return value;
  }
}

/** A task's required checks on its latest validated change, and waivers of failed ones (ADR 0030). */
@ApiTags('tasks')
@Controller('tasks')
export class RequiredChecksController {
  constructor(private readonly requiredChecks: RequiredChecksService) {}

  @Get(':id/checks')
  @Access('viewer')
  @ApiOperation({ summary: "The required checks of the task's latest validated change, with waivers" })
  list(@CurrentUser() user: SessionUser, @Param('id', new UuidParamPipe()) id: string): Promise<RequiredChecksView> {
    return this.requiredChecks.list(user, id);
  }

  @Post(':id/checks/:name/waive')
  @HttpCode(200)
  @Access('developer')
  @Audited('task.check.waive', 'task', 'id')
  @ApiOperation({
    summary: 'Let a failed required check through, with the reason on record; the task goes on when none is left',
  })
  @ApiZodBody(waiveCheckRequestSchema)
  waive(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
    @Param('name', new CheckNameParamPipe()) name: string,
    @Body(new ZodValidationPipe(waiveCheckRequestSchema)) body: WaiveCheckRequest,
  ): Promise<RequiredChecksView> {
    return this.requiredChecks.waive(user, id, name, body.reason);
  }
}
