import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { GithubOAuthService } from './github-oauth.service';
import { SessionTokenService } from './session-token.service';

/** Sign-in (dev login, GitHub OAuth), session tokens, and the one global access guard. */
@Module({
  controllers: [AuthController],
  providers: [SessionTokenService, AuthService, GithubOAuthService, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [SessionTokenService],
})
export class AuthModule {}
