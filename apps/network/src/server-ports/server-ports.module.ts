import { Module } from '@nestjs/common';
import { AutoAllocationModule } from '../auto-allocation/auto-allocation.module.js';
import { NetworksModule } from '../networks/networks.module.js';
import { PortsModule } from '../ports/ports.module.js';
import { NetworkGrpcController } from './network.grpc-controller.js';
import { HostNetworkService } from './host-network.service.js';
import { ServerPortsService } from './server-ports.service.js';

/** Ports for compute's servers, over gRPC (tinystack.network.v1.NetworkService). */
@Module({
  imports: [NetworksModule, PortsModule, AutoAllocationModule],
  providers: [ServerPortsService, HostNetworkService],
  controllers: [NetworkGrpcController],
})
export class ServerPortsModule {}
