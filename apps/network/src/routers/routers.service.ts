import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '@tinystack/auth';
import { DataSource, In, type EntityManager } from 'typeorm';
import { FloatingIpEntity, IpAllocationEntity, NetworkEntity, PortEntity, RouterEntity, SubnetEntity } from '../entities.js';
import { NetworksService } from '../networks/networks.service.js';
import { PortsService } from '../ports/ports.service.js';
import { QuotasService } from '../quotas/quotas.service.js';
import { ownerFor, owns } from '../shared/caller.js';
import { WriteLock } from '../shared/mutex.js';
import { inUse, invalidInput, neutronError, notFoundOf } from '../shared/neutron.errors.js';
import { newStandard, touch } from '../shared/standard-attrs.js';
import { SubnetsService } from '../subnets/subnets.service.js';
import { routerView, type CreateRouterBody, type InterfaceBody, type RouterView, type UpdateRouterBody } from './routers.api.js';

export const ROUTER_INTERFACE = 'network:router_interface';
export const ROUTER_GATEWAY = 'network:router_gateway';

type GatewayInfo = NonNullable<CreateRouterBody['external_gateway_info']>;

/** The body add_router_interface and remove_router_interface answer with. */
function interfaceInfo(router: RouterEntity, port: PortEntity, subnetIds: string[]) {
  return {
    id: router.id,
    tenant_id: router.projectId,
    project_id: router.projectId,
    port_id: port.id,
    network_id: port.networkId,
    subnet_id: subnetIds[0] ?? null,
    subnet_ids: subnetIds,
  };
}

/** Routers: an external gateway (a port on an external network) and interfaces on tenant subnets. */
@Injectable()
export class RoutersService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(NetworksService) private readonly networks: NetworksService,
    @Inject(SubnetsService) private readonly subnets: SubnetsService,
    @Inject(PortsService) private readonly ports: PortsService,
    @Inject(QuotasService) private readonly quotas: QuotasService,
    @Inject(WriteLock) private readonly lock: WriteLock,
  ) {}

  async create(caller: AuthContext, body: CreateRouterBody): Promise<RouterView> {
    const projectId = ownerFor(caller, body, 'create_router');
    return this.lock.run(async () => {
      const gwNet = body.external_gateway_info ? await this.externalNetwork(caller, body.external_gateway_info.network_id) : undefined;
      return this.ds.transaction((m) =>
        this.insert(m, projectId, {
          name: body.name ?? '',
          description: body.description ?? '',
          adminStateUp: body.admin_state_up ?? true,
          ...(gwNet && body.external_gateway_info ? { gateway: { network: gwNet, info: body.external_gateway_info } } : {}),
        }),
      );
    });
  }

  /** Creates a router (and its gateway port) in a transaction the caller holds under the write lock. */
  async insert(
    m: EntityManager,
    projectId: string,
    r: { name: string; description: string; adminStateUp: boolean; gateway?: { network: NetworkEntity; info: GatewayInfo } },
  ): Promise<RouterView> {
    await this.quotas.check(m, projectId, 'router');
    const router = Object.assign(new RouterEntity(), {
      ...newStandard(projectId, r.description),
      name: r.name,
      adminStateUp: r.adminStateUp,
      gatewayNetworkId: null,
      enableSnat: true,
    });
    await m.getRepository(RouterEntity).insert(router);
    if (r.gateway) {
      await this.setGateway(m, router, r.gateway.network, r.gateway.info);
      await m.getRepository(RouterEntity).save(router);
    }
    return this.viewOf(m, router);
  }

  async list(caller: AuthContext): Promise<RouterView[]> {
    const routers = (await this.ds.getRepository(RouterEntity).find()).filter((r) => owns(caller, r.projectId));
    return Promise.all(routers.map((r) => this.viewOf(this.ds.manager, r)));
  }

  async find(caller: AuthContext, id: string): Promise<RouterEntity> {
    const r = await this.ds.getRepository(RouterEntity).findOneBy({ id });
    if (!r || !owns(caller, r.projectId)) {
      throw notFoundOf('Router', id);
    }
    return r;
  }

  async get(caller: AuthContext, id: string): Promise<RouterView> {
    return this.viewOf(this.ds.manager, await this.find(caller, id));
  }

  async update(caller: AuthContext, id: string, body: UpdateRouterBody): Promise<RouterView> {
    return this.lock.run(async () => {
      const router = await this.find(caller, id);
      const gwNet = body.external_gateway_info ? await this.externalNetwork(caller, body.external_gateway_info.network_id) : undefined;
      return this.ds.transaction(async (m) => {
        if (body.name !== undefined) {router.name = body.name;}
        if (body.description !== undefined) {router.description = body.description;}
        if (body.admin_state_up !== undefined) {router.adminStateUp = body.admin_state_up;}
        if (body.external_gateway_info !== undefined) {
          const info = body.external_gateway_info;
          if (info === null || (router.gatewayNetworkId !== null && info.network_id !== router.gatewayNetworkId)) {
            await this.clearGateway(m, router);
          }
          if (info && gwNet) {
            if (router.gatewayNetworkId === null) {
              await this.setGateway(m, router, gwNet, info);
            } else {
              router.enableSnat = info.enable_snat ?? router.enableSnat;
            }
          }
        }
        touch(router);
        await m.getRepository(RouterEntity).save(router);
        return this.viewOf(m, router);
      });
    });
  }

  async delete(caller: AuthContext, id: string): Promise<void> {
    await this.lock.run(async () => {
      const router = await this.find(caller, id);
      const interfaces = await this.ds.getRepository(PortEntity).countBy({ deviceId: id, deviceOwner: ROUTER_INTERFACE });
      if (interfaces > 0) {
        throw inUse('RouterInUse', `Router ${id} still has ports`);
      }
      await this.ds.transaction(async (m) => {
        await this.clearGateway(m, router);
        await m.getRepository(RouterEntity).delete({ id });
      });
    });
  }

  async addInterface(caller: AuthContext, id: string, body: InterfaceBody) {
    return this.lock.run(async () => {
      const router = await this.find(caller, id);
      return this.ds.transaction(async (m) => {
        let port: PortEntity;
        let subnet: SubnetEntity;
        if (body.subnet_id !== undefined) {
          subnet = await this.subnets.find(caller, body.subnet_id);
          if (!owns(caller, subnet.projectId)) {
            throw notFoundOf('Subnet', body.subnet_id);
          }
          if (subnet.gatewayIp === null) {
            throw invalidInput(`Bad router request: Subnet ${subnet.id} does not have a gateway IP.`);
          }
          await this.refuseSecondInterface(m, router.id, subnet);
          const network = await this.networks.find(caller, subnet.networkId);
          const view = await this.ports.insert(m, {
            projectId: router.projectId,
            network,
            fixedIps: [{ subnet_id: subnet.id, ip_address: subnet.gatewayIp }],
            deviceId: router.id,
            deviceOwner: ROUTER_INTERFACE,
          });
          port = (await m.getRepository(PortEntity).findOneBy({ id: view.id })) as PortEntity;
        } else {
          port = await this.ports.find(caller, body.port_id as string);
          if (port.deviceId !== '' || port.deviceOwner !== '') {
            throw neutronError('conflict', 'PortInUse', `Unable to complete operation on port ${port.id} for network ${port.networkId}. Port already has an attached device ${port.deviceId}.`);
          }
          const ips = await m.getRepository(IpAllocationEntity).findBy({ portId: port.id });
          const first = ips[0];
          if (!first) {
            throw invalidInput(`Bad router request: Router port must have at least one fixed IP.`);
          }
          subnet = (await m.getRepository(SubnetEntity).findOneBy({ id: first.subnetId })) as SubnetEntity;
          await this.refuseSecondInterface(m, router.id, subnet);
          port.deviceId = router.id;
          port.deviceOwner = ROUTER_INTERFACE;
          port.securityGroups = [];
          port.status = 'ACTIVE';
          touch(port);
          await m.getRepository(PortEntity).save(port);
        }
        touch(router);
        await m.getRepository(RouterEntity).save(router);
        return interfaceInfo(router, port, [subnet.id]);
      });
    });
  }

  async removeInterface(caller: AuthContext, id: string, body: InterfaceBody) {
    return this.lock.run(async () => {
      const router = await this.find(caller, id);
      const ifaces = await this.ds.getRepository(PortEntity).findBy({ deviceId: router.id, deviceOwner: ROUTER_INTERFACE });
      const allocations = ifaces.length === 0 ? [] : await this.ds.getRepository(IpAllocationEntity).findBy({ portId: In(ifaces.map((p) => p.id)) });
      const port =
        body.port_id !== undefined
          ? ifaces.find((p) => p.id === body.port_id)
          : ifaces.find((p) => allocations.some((a) => a.portId === p.id && a.subnetId === body.subnet_id));
      if (!port) {
        throw body.port_id !== undefined
          ? neutronError('not_found', 'RouterInterfaceNotFound', `Router ${id} does not have an interface with id ${body.port_id}`)
          : neutronError('not_found', 'RouterInterfaceNotFoundForSubnet', `Router ${id} has no interface on subnet ${body.subnet_id ?? ''}`);
      }
      const subnetIds = allocations.filter((a) => a.portId === port.id).map((a) => a.subnetId);
      const fips = await this.ds.getRepository(FloatingIpEntity).findBy({ routerId: router.id });
      if (fips.length > 0) {
        const behind = await this.ds.getRepository(IpAllocationEntity).findBy({ subnetId: In(subnetIds) });
        if (fips.some((f) => behind.some((a) => a.portId === f.portId))) {
          throw neutronError('conflict', 'RouterInterfaceInUseByFloatingIP', `Router interface for subnet ${subnetIds[0] ?? ''} on router ${id} cannot be deleted, as it is required by one or more floating IPs.`);
        }
      }
      await this.ds.transaction(async (m) => {
        await this.ports.remove(m, port.id);
        touch(router);
        await m.getRepository(RouterEntity).save(router);
      });
      return interfaceInfo(router, port, subnetIds);
    });
  }

  /** The router of `projectId` that connects `subnetId` to external network `externalNetworkId`, if any. */
  async routerBetween(m: EntityManager, subnetId: string, externalNetworkId: string): Promise<RouterEntity | undefined> {
    const routers = await m.getRepository(RouterEntity).findBy({ gatewayNetworkId: externalNetworkId });
    if (routers.length === 0) {
      return undefined;
    }
    const ifaces = await m.getRepository(PortEntity).findBy({ deviceId: In(routers.map((r) => r.id)), deviceOwner: ROUTER_INTERFACE });
    const allocations = ifaces.length === 0 ? [] : await m.getRepository(IpAllocationEntity).findBy({ portId: In(ifaces.map((p) => p.id)), subnetId });
    const port = ifaces.find((p) => allocations.some((a) => a.portId === p.id));
    return port ? routers.find((r) => r.id === port.deviceId) : undefined;
  }

  private async refuseSecondInterface(m: EntityManager, routerId: string, subnet: SubnetEntity): Promise<void> {
    const ifaces = await m.getRepository(PortEntity).findBy({ deviceId: routerId, deviceOwner: ROUTER_INTERFACE });
    if (ifaces.length === 0) {
      return;
    }
    const onSubnet = await m.getRepository(IpAllocationEntity).findBy({ portId: In(ifaces.map((p) => p.id)), subnetId: subnet.id });
    if (onSubnet.length > 0) {
      throw invalidInput(`Bad router request: Router already has a port on subnet ${subnet.id}.`);
    }
  }

  private async externalNetwork(caller: AuthContext, id: string): Promise<NetworkEntity> {
    const net = await this.networks.find(caller, id);
    if (!net.external) {
      throw invalidInput(`Bad router request: Network ${id} is not an external network.`);
    }
    return net;
  }

  private async setGateway(m: EntityManager, router: RouterEntity, network: NetworkEntity, info: GatewayInfo): Promise<void> {
    // The gateway port belongs to no project (Neutron's tenant_id ''), so it counts against no quota.
    await this.ports.insert(m, {
      projectId: '',
      network,
      ...(info.external_fixed_ips ? { fixedIps: info.external_fixed_ips } : {}),
      deviceId: router.id,
      deviceOwner: ROUTER_GATEWAY,
    });
    router.gatewayNetworkId = network.id;
    router.enableSnat = info.enable_snat ?? true;
  }

  private async clearGateway(m: EntityManager, router: RouterEntity): Promise<void> {
    if (router.gatewayNetworkId === null) {
      return;
    }
    const fips = await m.getRepository(FloatingIpEntity).countBy({ routerId: router.id });
    if (fips > 0) {
      throw neutronError('conflict', 'RouterExternalGatewayInUseByFloatingIp', `Gateway cannot be updated for router ${router.id}, since a gateway to external network ${router.gatewayNetworkId} is required by one or more floating IPs.`);
    }
    for (const p of await m.getRepository(PortEntity).findBy({ deviceId: router.id, deviceOwner: ROUTER_GATEWAY })) {
      await this.ports.remove(m, p.id);
    }
    router.gatewayNetworkId = null;
  }

  private async viewOf(m: EntityManager, router: RouterEntity): Promise<RouterView> {
    if (router.gatewayNetworkId === null) {
      return routerView(router, []);
    }
    const gw = await m.getRepository(PortEntity).findBy({ deviceId: router.id, deviceOwner: ROUTER_GATEWAY });
    const ips = gw.length === 0 ? [] : await m.getRepository(IpAllocationEntity).findBy({ portId: In(gw.map((p) => p.id)) });
    return routerView(router, ips.map((a) => ({ subnet_id: a.subnetId, ip_address: a.ipAddress })));
  }
}
