import { Module } from '@nestjs/common';
import { ServerAccess } from './server-access.service.js';
import { ServersRepository } from './servers.repository.js';

/** The servers' storage and access rules, shared by the API, the scheduler and the conductor. */
@Module({
  providers: [ServersRepository, ServerAccess],
  exports: [ServersRepository, ServerAccess],
})
export class ServersDataModule {}
