import { Module } from '@nestjs/common';
import { ConductorModule } from '../conductor/conductor.module.js';
import { InstanceActionsModule } from '../instance-actions/instance-actions.module.js';
import { QuotasModule } from '../quotas/quotas.module.js';
import { ServersDataModule } from '../servers/servers-data.module.js';
import { ServerActionsRestController } from './server-actions.rest-controller.js';
import { ServerActionsService } from './server-actions.service.js';

@Module({
  imports: [ServersDataModule, ConductorModule, InstanceActionsModule, QuotasModule],
  controllers: [ServerActionsRestController],
  providers: [ServerActionsService],
  exports: [ServerActionsService],
})
export class ServerActionsModule {}
