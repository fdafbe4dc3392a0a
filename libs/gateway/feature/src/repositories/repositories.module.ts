import { Module } from '@nestjs/common';
import { LocalForgeImportService } from './local-forge-import.service';
import { RepositoriesController } from './repositories.controller';
import { RepositoriesService } from './repositories.service';
import { RepositoryEgressHostsService } from './repository-egress-hosts.service';

/** The organisation's repository allow-list and settings; imports into the local forge. */
@Module({
  controllers: [RepositoriesController],
  providers: [RepositoriesService, LocalForgeImportService, RepositoryEgressHostsService],
  exports: [RepositoriesService],
})
export class RepositoriesModule {}
