import { Inject, Injectable } from '@nestjs/common';
import { isAdmin, type AuthContext } from '@tinystack/auth';
import { DataSource, In, Not } from 'typeorm';
import { NETWORK_CONFIG, type NetworkConfig } from '../config.js';
import { IpAllocationEntity, NetworkEntity, PortEntity, SubnetEntity } from '../entities.js';
import { QuotasService } from '../quotas/quotas.service.js';
import { ownerFor, owns } from '../shared/caller.js';
import { WriteLock } from '../shared/mutex.js';
import { inUse, notFoundOf, policyDenied } from '../shared/neutron.errors.js';
import { newStandard, touch } from '../shared/standard-attrs.js';
import { networkView, type CreateNetworkBody, type NetworkView, type UpdateNetworkBody } from './networks.api.js';

/** Ports that do not keep a network in use (Neutron deletes them with the network). */
const AUTO_DELETED_OWNERS = ['network:dhcp'];

@Injectable()
export class NetworksService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(NETWORK_CONFIG) private readonly config: NetworkConfig,
    @Inject(QuotasService) private readonly quotas: QuotasService,
    @Inject(WriteLock) private readonly lock: WriteLock,
  ) {}

  /** Networks the caller sees: its own, shared ones and external ones (all for an admin). */
  static visible(caller: AuthContext, n: NetworkEntity): boolean {
    return owns(caller, n.projectId) || n.shared || n.external;
  }

  async create(caller: AuthContext, body: CreateNetworkBody): Promise<NetworkView> {
    const projectId = ownerFor(caller, body, 'create_network');
    for (const [flag, set] of [
      ['shared', body.shared],
      ['router:external', body['router:external']],
      ['is_default', body.is_default],
    ] as const) {
      if (set === true && !isAdmin(caller)) {
        throw policyDenied(`create_network:${flag}`);
      }
    }
    return this.lock.run(() =>
      this.ds.transaction(async (m) => {
        await this.quotas.check(m, projectId, 'network');
        const net = Object.assign(new NetworkEntity(), {
          ...newStandard(projectId, body.description),
          name: body.name ?? '',
          adminStateUp: body.admin_state_up ?? true,
          shared: body.shared ?? false,
          external: body['router:external'] ?? false,
          isDefault: body.is_default ?? false,
          mtu: body.mtu ?? this.config.NETWORK_MTU,
          portSecurity: body.port_security_enabled ?? true,
        });
        if (net.isDefault) {
          await m.getRepository(NetworkEntity).update({ isDefault: true }, { isDefault: false });
        }
        await m.getRepository(NetworkEntity).insert(net);
        return networkView(net, []);
      }),
    );
  }

  async list(caller: AuthContext): Promise<NetworkView[]> {
    const all = await this.ds.getRepository(NetworkEntity).find();
    const nets = all.filter((n) => NetworksService.visible(caller, n));
    const subnets = await this.ds.getRepository(SubnetEntity).find({ select: { id: true, networkId: true } });
    return nets.map((n) => networkView(n, subnets.filter((s) => s.networkId === n.id).map((s) => s.id)));
  }

  /** The network, if the caller may see it; 404 otherwise (Neutron hides what it may not show). */
  async find(caller: AuthContext, id: string): Promise<NetworkEntity> {
    const net = await this.ds.getRepository(NetworkEntity).findOneBy({ id });
    if (!net || !NetworksService.visible(caller, net)) {
      throw notFoundOf('Network', id);
    }
    return net;
  }

  async get(caller: AuthContext, id: string): Promise<NetworkView> {
    return this.viewOf(await this.find(caller, id));
  }

  async update(caller: AuthContext, id: string, body: UpdateNetworkBody): Promise<NetworkView> {
    return this.lock.run(async () => {
      const net = await this.find(caller, id);
      if (!owns(caller, net.projectId)) {
        throw policyDenied('update_network');
      }
      for (const [flag, set] of [
        ['shared', body.shared],
        ['router:external', body['router:external']],
        ['is_default', body.is_default],
      ] as const) {
        if (set !== undefined && !isAdmin(caller)) {
          throw policyDenied(`update_network:${flag}`);
        }
      }
      if (body.name !== undefined) {net.name = body.name;}
      if (body.description !== undefined) {net.description = body.description;}
      if (body.admin_state_up !== undefined) {net.adminStateUp = body.admin_state_up;}
      if (body.shared !== undefined) {net.shared = body.shared;}
      if (body['router:external'] !== undefined) {net.external = body['router:external'];}
      if (body.mtu !== undefined) {net.mtu = body.mtu;}
      if (body.port_security_enabled !== undefined) {net.portSecurity = body.port_security_enabled;}
      if (body.is_default !== undefined) {
        if (body.is_default) {
          await this.ds.getRepository(NetworkEntity).update({ isDefault: true, id: Not(net.id) }, { isDefault: false });
        }
        net.isDefault = body.is_default;
      }
      touch(net);
      await this.ds.getRepository(NetworkEntity).save(net);
      return this.viewOf(net);
    });
  }

  async delete(caller: AuthContext, id: string): Promise<void> {
    await this.lock.run(async () => {
      const net = await this.find(caller, id);
      if (!owns(caller, net.projectId)) {
        throw policyDenied('delete_network');
      }
      await this.ds.transaction(async (m) => {
        const busy = await m.getRepository(PortEntity).countBy({ networkId: id, deviceOwner: Not(In(AUTO_DELETED_OWNERS)) });
        if (busy > 0) {
          throw inUse('NetworkInUse', `Unable to complete operation on network ${id}. There are one or more ports still in use on the network.`);
        }
        await m.getRepository(IpAllocationEntity).delete({ networkId: id });
        await m.getRepository(PortEntity).delete({ networkId: id });
        await m.getRepository(SubnetEntity).delete({ networkId: id });
        await m.getRepository(NetworkEntity).delete({ id });
      });
    });
  }

  private async viewOf(net: NetworkEntity): Promise<NetworkView> {
    const subnets = await this.ds.getRepository(SubnetEntity).find({ where: { networkId: net.id }, select: { id: true } });
    return networkView(net, subnets.map((s) => s.id));
  }
}
