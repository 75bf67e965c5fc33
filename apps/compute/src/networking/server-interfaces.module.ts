import { Module } from '@nestjs/common';
import { ConductorModule } from '../conductor/conductor.module.js';
import { InstanceActionsModule } from '../instance-actions/instance-actions.module.js';
import { ServersDataModule } from '../servers/servers-data.module.js';
import { ServerInterfacesRestController } from './server-interfaces.rest-controller.js';
import { ServerInterfacesService } from './server-interfaces.service.js';

/** /v2.1/servers/{id}/os-interface (needs the network service). */
@Module({
  imports: [ServersDataModule, ConductorModule, InstanceActionsModule],
  controllers: [ServerInterfacesRestController],
  providers: [ServerInterfacesService],
})
export class ServerInterfacesModule {}
