import { Module } from '@nestjs/common';
import { NetworksModule } from '../networks/networks.module.js';
import { PortsModule } from '../ports/ports.module.js';
import { RoutersModule } from '../routers/routers.module.js';
import { crudController } from '../shared/crud.controller.js';
import { createFloatingIpBody, updateFloatingIpBody } from './floating-ips.api.js';
import { FloatingIpsService } from './floating-ips.service.js';

/** /v2.0/floatingips */
@Module({
  imports: [NetworksModule, PortsModule, RoutersModule],
  providers: [FloatingIpsService],
  exports: [FloatingIpsService],
  controllers: [
    crudController({ collection: 'floatingips', member: 'floatingip', service: FloatingIpsService, create: createFloatingIpBody, update: updateFloatingIpBody }),
  ],
})
export class FloatingIpsModule {}
