import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { isAdmin, type AuthContext } from '@tinystack/auth';
import { DataSource, In, type EntityManager } from 'typeorm';
import { FloatingIpEntity, IpAllocationEntity, PortEntity, SecurityGroupEntity } from '../entities.js';
import type { NetworkEntity } from '../entities.js';
import { NetworksService } from '../networks/networks.service.js';
import { QuotasService } from '../quotas/quotas.service.js';
import { SecurityGroupsService } from '../security-groups/security-groups.service.js';
import { ownerFor, owns } from '../shared/caller.js';
import { WriteLock } from '../shared/mutex.js';
import { invalidInput, neutronError, notFoundOf, policyDenied } from '../shared/neutron.errors.js';
import { newStandard, touch } from '../shared/standard-attrs.js';
import { Ipam, type FixedIp, type FixedIpRequest } from '../subnets/ipam.js';
import { portView, type CreatePortBody, type PortView, type UpdatePortBody } from './ports.api.js';

/** OpenStack's MAC prefix (Neutron's base_mac fa:16:3e:00:00:00). */
const MAC_PREFIX = 'fa:16:3e';

/** Ports the port API must not delete: the router owns them. */
const ROUTER_OWNED = new Set(['network:router_interface', 'network:router_gateway', 'network:floatingip']);

function randomMac(): string {
  return `${MAC_PREFIX}:${[...randomBytes(3)].map((b) => b.toString(16).padStart(2, '0')).join(':')}`;
}

/** What another service (routers, floating IPs, get-me-a-network, compute) asks for. */
export interface PortSpec {
  readonly projectId: string;
  readonly network: NetworkEntity;
  readonly name?: string;
  readonly description?: string;
  readonly macAddress?: string;
  readonly fixedIps?: readonly FixedIpRequest[];
  readonly securityGroups?: readonly string[] | null;
  readonly portSecurity?: boolean;
  readonly deviceId?: string;
  readonly deviceOwner?: string;
  readonly hostId?: string;
  readonly adminStateUp?: boolean;
  readonly createdForDevice?: boolean;
}

@Injectable()
export class PortsService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(NetworksService) private readonly networks: NetworksService,
    @Inject(SecurityGroupsService) private readonly groups: SecurityGroupsService,
    @Inject(QuotasService) private readonly quotas: QuotasService,
    @Inject(WriteLock) private readonly lock: WriteLock,
  ) {}

  async create(caller: AuthContext, body: CreatePortBody): Promise<PortView> {
    const projectId = ownerFor(caller, body, 'create_port');
    return this.lock.run(async () => {
      const network = await this.networks.find(caller, body.network_id);
      if (!owns(caller, network.projectId) && !network.shared) {
        throw policyDenied('create_port');
      }
      if (body['binding:host_id'] !== undefined && !isAdmin(caller)) {
        throw policyDenied('create_port:binding:host_id');
      }
      if (body.mac_address !== undefined && !owns(caller, network.projectId)) {
        throw policyDenied('create_port:mac_address');
      }
      await this.checkGroups(caller, body.security_groups);
      return this.ds.transaction((m) =>
        this.insert(m, {
          projectId,
          network,
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.description !== undefined ? { description: body.description } : {}),
          ...(body.mac_address !== undefined ? { macAddress: body.mac_address.toLowerCase() } : {}),
          ...(body.fixed_ips !== undefined ? { fixedIps: body.fixed_ips } : {}),
          ...(body.security_groups !== undefined ? { securityGroups: body.security_groups } : {}),
          ...(body.port_security_enabled !== undefined ? { portSecurity: body.port_security_enabled } : {}),
          ...(body.device_id !== undefined ? { deviceId: body.device_id } : {}),
          ...(body.device_owner !== undefined ? { deviceOwner: body.device_owner } : {}),
          ...(body['binding:host_id'] !== undefined ? { hostId: body['binding:host_id'] } : {}),
          ...(body.admin_state_up !== undefined ? { adminStateUp: body.admin_state_up } : {}),
        }),
      );
    });
  }

  /**
   * Creates a port inside a transaction the caller holds (under the write lock): quota,
   * MAC, addresses and security groups. Shared by the port API, routers, floating IPs and
   * compute.
   */
  async insert(m: EntityManager, spec: PortSpec): Promise<PortView> {
    await this.quotas.check(m, spec.projectId, 'port');
    const owner = spec.deviceOwner ?? '';
    const portSecurity = spec.portSecurity ?? spec.network.portSecurity;
    let groups: string[] = [];
    if (owner.startsWith('network:')) {
      groups = [];
    } else if (spec.securityGroups === undefined) {
      groups = portSecurity ? [await this.groups.ensureDefault(m, spec.projectId)] : [];
    } else {
      groups = [...(spec.securityGroups ?? [])];
    }
    if (!portSecurity && groups.length > 0) {
      throw neutronError('conflict', 'PortSecurityAndIPRequiredForSecurityGroups', 'Port security must be enabled and port must have an IP address in order to use security groups.');
    }
    const mac = spec.macAddress ?? (await this.freeMac(m, spec.network.id));
    if (await m.getRepository(PortEntity).findOneBy({ networkId: spec.network.id, macAddress: mac })) {
      throw neutronError('conflict', 'MacAddressInUse', `Unable to complete operation for network ${spec.network.id}. The mac address ${mac} is in use.`);
    }
    const port = Object.assign(new PortEntity(), {
      ...newStandard(spec.projectId, spec.description),
      name: spec.name ?? '',
      networkId: spec.network.id,
      macAddress: mac,
      adminStateUp: spec.adminStateUp ?? true,
      status: 'DOWN',
      deviceId: spec.deviceId ?? '',
      deviceOwner: owner,
      hostId: spec.hostId ?? '',
      portSecurity,
      securityGroups: groups,
      createdForDevice: spec.createdForDevice ?? false,
    });
    port.status = PortsService.statusOf(port);
    await m.getRepository(PortEntity).insert(port);
    const fixedIps = await new Ipam(m).allocate(spec.network.id, port.id, spec.fixedIps, {
      mayTakeGateway: owner === 'network:router_interface',
    });
    return portView(port, fixedIps);
  }

  /** ACTIVE once the port is bound to a host (compute plugged it) or belongs to a router. */
  static statusOf(p: PortEntity): string {
    if (!p.adminStateUp) {
      return 'DOWN';
    }
    return p.hostId !== '' || p.deviceOwner === 'network:router_interface' || p.deviceOwner === 'network:router_gateway' ? 'ACTIVE' : 'DOWN';
  }

  async list(caller: AuthContext): Promise<PortView[]> {
    const ports = (await this.ds.getRepository(PortEntity).find()).filter((p) => owns(caller, p.projectId));
    return this.viewsOf(ports);
  }

  async viewsOf(ports: PortEntity[]): Promise<PortView[]> {
    const allocations = ports.length === 0 ? [] : await this.ds.getRepository(IpAllocationEntity).findBy({ portId: In(ports.map((p) => p.id)) });
    return ports.map((p) =>
      portView(
        p,
        allocations.filter((a) => a.portId === p.id).map((a) => ({ subnet_id: a.subnetId, ip_address: a.ipAddress })),
      ),
    );
  }

  async find(caller: AuthContext, id: string): Promise<PortEntity> {
    const p = await this.ds.getRepository(PortEntity).findOneBy({ id });
    if (!p || !owns(caller, p.projectId)) {
      throw notFoundOf('Port', id);
    }
    return p;
  }

  async get(caller: AuthContext, id: string): Promise<PortView> {
    const [view] = await this.viewsOf([await this.find(caller, id)]);
    return view;
  }

  async update(caller: AuthContext, id: string, body: UpdatePortBody): Promise<PortView> {
    if (body['binding:host_id'] !== undefined && !isAdmin(caller)) {
      throw policyDenied('update_port:binding:host_id');
    }
    return this.lock.run(async () => {
      const p = await this.find(caller, id);
      await this.checkGroups(caller, body.security_groups);
      return this.ds.transaction(async (m) => {
        if (body.name !== undefined) {p.name = body.name;}
        if (body.description !== undefined) {p.description = body.description;}
        if (body.admin_state_up !== undefined) {p.adminStateUp = body.admin_state_up;}
        if (body.device_id !== undefined) {p.deviceId = body.device_id;}
        if (body.device_owner !== undefined) {p.deviceOwner = body.device_owner;}
        if (body['binding:host_id'] !== undefined) {p.hostId = body['binding:host_id'];}
        if (body.port_security_enabled !== undefined) {p.portSecurity = body.port_security_enabled;}
        if (body.security_groups !== undefined) {p.securityGroups = [...(body.security_groups ?? [])];}
        if (!p.portSecurity && p.securityGroups.length > 0) {
          throw neutronError('conflict', 'PortSecurityPortHasSecurityGroup', 'Port has security group associated. Cannot disable port security or ip address until security group is removed.');
        }
        if (body.fixed_ips !== undefined) {
          const ipam = new Ipam(m);
          const kept = await m.getRepository(IpAllocationEntity).findBy({ portId: p.id });
          await ipam.release(p.id);
          try {
            await ipam.allocate(p.networkId, p.id, body.fixed_ips, { mayTakeGateway: p.deviceOwner === 'network:router_interface' });
          } catch (err) {
            await m.getRepository(IpAllocationEntity).insert(kept);
            throw err;
          }
        }
        p.status = PortsService.statusOf(p);
        touch(p);
        await m.getRepository(PortEntity).save(p);
        const allocations = await m.getRepository(IpAllocationEntity).findBy({ portId: p.id });
        return portView(p, allocations.map((a) => ({ subnet_id: a.subnetId, ip_address: a.ipAddress })));
      });
    });
  }

  async delete(caller: AuthContext, id: string): Promise<void> {
    await this.lock.run(async () => {
      const p = await this.find(caller, id);
      if (ROUTER_OWNED.has(p.deviceOwner)) {
        throw neutronError('conflict', 'L3PortInUse', `Port ${id} cannot be deleted directly via the port API: has device owner ${p.deviceOwner}.`);
      }
      await this.ds.transaction((m) => this.remove(m, p.id));
    });
  }

  /** Deletes a port with its addresses, disassociating any floating IP from it. */
  async remove(m: EntityManager, portId: string): Promise<void> {
    await m.getRepository(FloatingIpEntity).update({ portId }, { portId: null, fixedIpAddress: null, routerId: null, status: 'DOWN' });
    await new Ipam(m).release(portId);
    await m.getRepository(PortEntity).delete({ id: portId });
  }

  /** Every named security group exists and the caller may use it. */
  private async checkGroups(caller: AuthContext, ids: readonly string[] | null | undefined): Promise<void> {
    if (!ids || ids.length === 0) {
      return;
    }
    const found = await this.ds.getRepository(SecurityGroupEntity).findBy({ id: In([...ids]) });
    for (const id of ids) {
      const g = found.find((x) => x.id === id);
      if (!g || !owns(caller, g.projectId)) {
        throw notFoundOf('Security group', id);
      }
    }
  }

  private async freeMac(m: EntityManager, networkId: string): Promise<string> {
    for (let i = 0; i < 16; i++) {
      const mac = randomMac();
      if (!(await m.getRepository(PortEntity).findOneBy({ networkId, macAddress: mac }))) {
        return mac;
      }
    }
    throw invalidInput(`Unable to generate a unique MAC address on network ${networkId}.`);
  }
}

export type { FixedIp };
