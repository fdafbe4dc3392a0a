import { Module } from '@nestjs/common';
import { CredentialsController } from './credentials.controller';
import { CredentialsService } from './credentials.service';

/** Model provider keys, sealed at rest. */
@Module({ controllers: [CredentialsController], providers: [CredentialsService] })
export class CredentialsModule {}
