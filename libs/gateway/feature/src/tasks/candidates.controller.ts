import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { candidateIndexParamSchema, type TaskCandidateView, type TaskView } from '@patchbay/contracts';
import { ZodValidationPipe } from '@patchbay/nest-common';
import { Access } from '../common/access.decorator';
import { Audited } from '../common/audited.decorator';
import { CurrentUser, type SessionUser } from '../common/session-user';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { CandidatesService } from './candidates.service';

/** Best-of-N candidates (ADR 0034): every member may read them; choosing one is a diff decision, a developer's. */
@ApiTags('tasks')
@Controller('tasks')
export class CandidatesController {
  constructor(private readonly candidates: CandidatesService) {}

  @Get(':id/candidates')
  @Access('viewer')
  @ApiOperation({ summary: "The task's best-of-N candidates: status, tests, diff size, diff, which one is selected" })
  list(@CurrentUser() user: SessionUser, @Param('id', new UuidParamPipe()) id: string): Promise<TaskCandidateView[]> {
    return this.candidates.list(user, id);
  }

  @Post(':id/candidates/:index/select')
  @HttpCode(200)
  @Access('developer')
  @Audited('task.candidate.select', 'task', 'id')
  @ApiOperation({
    summary: 'At diff approval, go on with another candidate: its change replaces the diff awaiting approval',
  })
  select(
    @CurrentUser() user: SessionUser,
    @Param('id', new UuidParamPipe()) id: string,
    @Param('index', new ZodValidationPipe(candidateIndexParamSchema)) index: number,
  ): Promise<TaskView> {
    return this.candidates.select(user, id, index);
  }
}
