import { Module } from '@nestjs/common';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';

/** The organisation's members and their roles (admin API). */
@Module({ controllers: [MembersController], providers: [MembersService] })
export class MembersModule {}
