import { Body, Controller, Get, HttpCode, Post, Query, Redirect, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  devLoginRequestSchema,
  githubCallbackQuerySchema,
  type DevLoginRequest,
  type MeView,
  type SessionView,
} from '@patchbay/contracts';
import { z } from 'zod';
import { Access } from '../common/access.decorator';
import { ApiZodBody } from '../common/api-zod-body.decorator';
import { Audited } from '../common/audited.decorator';
import { CurrentUser, type SessionUser } from '../common/session-user';
import { ZodValidationPipe } from '@patchbay/nest-common';
import { AuthService } from './auth.service';
import { DevLoginNetworkGuard } from './dev-login-network.guard';
import { GithubOAuthService } from './github-oauth.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly github: GithubOAuthService,
  ) {}

  @Post('dev-login')
  @HttpCode(200)
  @Access('public')
  @UseGuards(DevLoginNetworkGuard)
  @Audited('auth.dev-login', 'user')
  @ApiOperation({ summary: 'Sign in by login name (AUTH_MODE=dev only)' })
  @ApiZodBody(devLoginRequestSchema)
  devLogin(@Body(new ZodValidationPipe(devLoginRequestSchema)) body: DevLoginRequest): Promise<SessionView> {
    return this.auth.devLogin(body.login, body.organisation);
  }

  @Get('github')
  @Access('public')
  @Redirect()
  @ApiOperation({ summary: 'Start GitHub sign-in (redirects to GitHub)' })
  githubStart(): { url: string } {
    return { url: this.github.authorizationUrl() };
  }

  @Get('github/callback')
  @Access('public')
  @Audited('auth.github-login', 'user')
  @ApiOperation({ summary: 'GitHub redirects here with a code; answers with a session' })
  githubCallback(
    @Query(new ZodValidationPipe(githubCallbackQuerySchema)) query: z.infer<typeof githubCallbackQuerySchema>,
  ): Promise<SessionView> {
    return this.auth.githubLogin(query.code, query.state);
  }

  @Get('me')
  @Access('viewer')
  @ApiOperation({ summary: 'The signed-in user and their role' })
  me(@CurrentUser() user: SessionUser): MeView {
    return { userId: user.userId, login: user.login, organisationId: user.organisationId, role: user.role };
  }
}
