import { Inject, Injectable } from '@nestjs/common';
import { isAdmin, type AuthContext } from '@tinystack/auth';
import { DataSource, type EntityManager } from 'typeorm';
import { NETWORK_CONFIG, type NetworkConfig } from '../config.js';
import { AutoAllocatedTopologyEntity, NetworkEntity, PortEntity, RouterEntity, SubnetEntity } from '../entities.js';
import { PortsService } from '../ports/ports.service.js';
import { QuotasService } from '../quotas/quotas.service.js';
import { ROUTER_INTERFACE, RoutersService } from '../routers/routers.service.js';
import { callerProject } from '../shared/caller.js';
import { parseCidr } from '../shared/ipv4.js';
import { WriteLock } from '../shared/mutex.js';
import { neutronError, policyDenied } from '../shared/neutron.errors.js';
import { newStandard } from '../shared/standard-attrs.js';
import { defaultSubnet } from '../subnets/default-subnet.js';

/**
 * Neutron's get-me-a-network: on first use a project gets a private network, an IPv4
 * subnet and a router whose gateway is the default external network, so `networks: "auto"`
 * has something to plug into.
 */
@Injectable()
export class AutoAllocationService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(NETWORK_CONFIG) private readonly config: NetworkConfig,
    @Inject(RoutersService) private readonly routers: RoutersService,
    @Inject(PortsService) private readonly ports: PortsService,
    @Inject(QuotasService) private readonly quotas: QuotasService,
    @Inject(WriteLock) private readonly lock: WriteLock,
  ) {}

  /** The project's auto-allocated network id, made on first call. */
  async networkFor(caller: AuthContext, projectId: string): Promise<string> {
    if (projectId !== callerProject(caller) && !isAdmin(caller)) {
      throw policyDenied('get_auto_allocated_topology');
    }
    const known = await this.ds.getRepository(AutoAllocatedTopologyEntity).findOneBy({ projectId });
    if (known) {
      return known.networkId;
    }
    return this.lock.run(async () => {
      const again = await this.ds.getRepository(AutoAllocatedTopologyEntity).findOneBy({ projectId });
      return again ? again.networkId : this.ds.transaction((m) => this.allocate(m, projectId));
    });
  }

  async release(caller: AuthContext, projectId: string): Promise<void> {
    if (projectId !== callerProject(caller) && !isAdmin(caller)) {
      throw policyDenied('delete_auto_allocated_topology');
    }
    await this.lock.run(async () => {
      const topo = await this.ds.getRepository(AutoAllocatedTopologyEntity).findOneBy({ projectId });
      if (!topo) {
        return;
      }
      const busy = await this.ds.getRepository(PortEntity).findBy({ networkId: topo.networkId });
      if (busy.some((p) => p.deviceOwner !== ROUTER_INTERFACE)) {
        throw neutronError('conflict', 'NetworkInUse', `Unable to complete operation on network ${topo.networkId}. There are one or more ports still in use on the network.`);
      }
      await this.ds.transaction(async (m) => {
        for (const p of busy) {
          await this.ports.remove(m, p.id);
        }
        for (const p of await m.getRepository(PortEntity).findBy({ deviceId: topo.routerId })) {
          await this.ports.remove(m, p.id);
        }
        await m.getRepository(RouterEntity).delete({ id: topo.routerId });
        await m.getRepository(SubnetEntity).delete({ networkId: topo.networkId });
        await m.getRepository(NetworkEntity).delete({ id: topo.networkId });
        await m.getRepository(AutoAllocatedTopologyEntity).delete({ projectId });
      });
    });
  }

  private async allocate(m: EntityManager, projectId: string): Promise<string> {
    const external = await m.getRepository(NetworkEntity).findOneBy({ external: true, isDefault: true });
    if (!external) {
      throw neutronError('conflict', 'AutoAllocationFailure', 'Deployment error: No default router:external network.');
    }
    await this.quotas.check(m, projectId, 'network');
    await this.quotas.check(m, projectId, 'subnet');
    await this.quotas.check(m, projectId, 'router');
    const network = Object.assign(new NetworkEntity(), {
      ...newStandard(projectId),
      name: 'auto_allocated_network',
      adminStateUp: true,
      shared: false,
      external: false,
      isDefault: false,
      mtu: this.config.NETWORK_MTU,
      portSecurity: true,
    });
    await m.getRepository(NetworkEntity).insert(network);
    const cidr = parseCidr(this.config.NETWORK_AUTO_ALLOCATE_CIDR);
    if (!cidr) {
      throw neutronError('internal', 'AutoAllocationFailure', 'NETWORK_AUTO_ALLOCATE_CIDR is not a valid CIDR.');
    }
    const subnet = defaultSubnet(projectId, network.id, 'auto_allocated_subnet_v4', cidr, true);
    await m.getRepository(SubnetEntity).insert(subnet);
    const router = await this.routers.insert(m, projectId, {
      name: 'auto_allocated_router',
      description: '',
      adminStateUp: true,
      gateway: { network: external, info: { network_id: external.id } },
    });
    await this.ports.insert(m, {
      projectId,
      network,
      fixedIps: [{ subnet_id: subnet.id, ip_address: subnet.gatewayIp ?? '' }],
      deviceId: router.id,
      deviceOwner: ROUTER_INTERFACE,
    });
    await m.getRepository(AutoAllocatedTopologyEntity).insert({ projectId, networkId: network.id, routerId: router.id });
    return network.id;
  }
}
