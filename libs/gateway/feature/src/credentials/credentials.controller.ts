import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { storeCredentialRequestSchema, type CredentialView, type StoreCredentialRequest } from '@patchbay/contracts';
import { Access } from '../common/access.decorator';
import { ApiZodBody } from '../common/api-zod-body.decorator';
import { Audited } from '../common/audited.decorator';
import { CurrentUser, type SessionUser } from '../common/session-user';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { ZodValidationPipe } from '@patchbay/nest-common';
import { CredentialsService } from './credentials.service';

@ApiTags('credentials')
@Controller('credentials')
export class CredentialsController {
  constructor(private readonly credentials: CredentialsService) {}

  @Get()
  @Access('developer')
  @ApiOperation({ summary: 'Stored model keys you can use (only their last four characters)' })
  list(@CurrentUser() user: SessionUser): Promise<CredentialView[]> {
    return this.credentials.list(user.organisationId, user.userId);
  }

  @Post()
  @Access('developer')
  @Audited('credential.store', 'credential')
  @ApiOperation({ summary: 'Store a model provider API key, encrypted at rest' })
  @ApiZodBody(storeCredentialRequestSchema)
  store(
    @CurrentUser() user: SessionUser,
    @Body(new ZodValidationPipe(storeCredentialRequestSchema)) body: StoreCredentialRequest,
  ): Promise<CredentialView> {
    return this.credentials.store(user, body);
  }

  @Delete(':id')
  @Access('developer')
  @Audited('credential.delete', 'credential', 'id')
  @ApiOperation({ summary: 'Delete a stored key' })
  remove(@CurrentUser() user: SessionUser, @Param('id', new UuidParamPipe()) id: string): Promise<{ id: string }> {
    return this.credentials.remove(user, id);
  }
}
