import { Module } from '@nestjs/common';
import { AutoAllocationModule } from '../auto-allocation/auto-allocation.module.js';
import { FloatingIpsModule } from '../floating-ips/floating-ips.module.js';
import { SubnetsModule } from '../subnets/subnets.module.js';
import { NetworksModule } from '../networks/networks.module.js';
import { PortsModule } from '../ports/ports.module.js';
import { NetworkGrpcController } from './network.grpc-controller.js';
import { DashboardNetworkService } from './dashboard-network.service.js';
import { HostNetworkService } from './host-network.service.js';
import { ServerPortsService } from './server-ports.service.js';

/** The network gRPC contract: ports for compute's servers, hosts' wiring, the dashboard's networks and floating IPs. */
@Module({
  imports: [NetworksModule, SubnetsModule, PortsModule, FloatingIpsModule, AutoAllocationModule],
  providers: [ServerPortsService, HostNetworkService, DashboardNetworkService],
  controllers: [NetworkGrpcController],
})
export class ServerPortsModule {}
