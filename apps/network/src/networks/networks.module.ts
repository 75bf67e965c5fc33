import { Module } from '@nestjs/common';
import { crudController } from '../shared/crud.controller.js';
import { createNetworkBody, updateNetworkBody } from './networks.api.js';
import { ExternalNetworkSeeder } from './external-network.seeder.js';
import { NetworksService } from './networks.service.js';

/** /v2.0/networks */
@Module({
  providers: [NetworksService, ExternalNetworkSeeder],
  exports: [NetworksService, ExternalNetworkSeeder],
  controllers: [
    crudController({ collection: 'networks', member: 'network', service: NetworksService, create: createNetworkBody, update: updateNetworkBody }),
  ],
})
export class NetworksModule {}
