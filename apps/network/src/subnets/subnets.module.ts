import { Module } from '@nestjs/common';
import { NetworksModule } from '../networks/networks.module.js';
import { crudController } from '../shared/crud.controller.js';
import { createSubnetBody, updateSubnetBody } from './subnets.api.js';
import { SubnetsService } from './subnets.service.js';

/** /v2.0/subnets */
@Module({
  imports: [NetworksModule],
  providers: [SubnetsService],
  exports: [SubnetsService],
  controllers: [
    crudController({ collection: 'subnets', member: 'subnet', service: SubnetsService, create: createSubnetBody, update: updateSubnetBody }),
  ],
})
export class SubnetsModule {}
