import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module.js';
import { ConductorModule } from '../conductor/conductor.module.js';
import { FlavorsModule } from '../flavors/flavors.module.js';
import { InstanceActionsModule } from '../instance-actions/instance-actions.module.js';
import { KeypairsModule } from '../keypairs/keypairs.module.js';
import { QuotasModule } from '../quotas/quotas.module.js';
import { ServerCreateService } from './server-create.service.js';
import { ServerListFinder } from './server-list.finder.js';
import { ServerTagsRestController } from './server-tags.rest-controller.js';
import { ServerTagsService } from './server-tags.service.js';
import { ServersDataModule } from './servers-data.module.js';
import { ServersRestController } from './servers.rest-controller.js';
import { ServersService } from './servers.service.js';

@Module({
  imports: [ServersDataModule, ConductorModule, FlavorsModule, KeypairsModule, QuotasModule, InstanceActionsModule, AgentsModule],
  controllers: [ServersRestController, ServerTagsRestController],
  providers: [ServersService, ServerCreateService, ServerListFinder, ServerTagsService],
  exports: [ServersService, ServerCreateService],
})
export class ServersModule {}
