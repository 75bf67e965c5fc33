import { Module } from '@nestjs/common';
import { NetworksModule } from '../networks/networks.module.js';
import { SecurityGroupsModule } from '../security-groups/security-groups.module.js';
import { crudController } from '../shared/crud.controller.js';
import { createPortBody, updatePortBody } from './ports.api.js';
import { PortsService } from './ports.service.js';

/** /v2.0/ports */
@Module({
  imports: [NetworksModule, SecurityGroupsModule],
  providers: [PortsService],
  exports: [PortsService],
  controllers: [crudController({ collection: 'ports', member: 'port', service: PortsService, create: createPortBody, update: updatePortBody })],
})
export class PortsModule {}
