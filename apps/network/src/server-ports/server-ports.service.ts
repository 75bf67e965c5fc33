import { Inject, Injectable } from '@nestjs/common';
import { isAdmin, type AuthContext } from '@tinystack/auth';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AutoAllocationService } from '../auto-allocation/auto-allocation.service.js';
import { FloatingIpEntity, IpAllocationEntity, NetworkEntity, PortEntity, SubnetEntity } from '../entities.js';
import { NetworksService } from '../networks/networks.service.js';
import { PortsService } from '../ports/ports.service.js';
import { callerProject, owns } from '../shared/caller.js';
import { WriteLock } from '../shared/mutex.js';
import { invalidInput, neutronError, notFoundOf, policyDenied } from '../shared/neutron.errors.js';
import { touch } from '../shared/standard-attrs.js';

export interface PortRequest {
  readonly networkId?: string;
  readonly portId?: string;
  readonly fixedIp?: string;
}

export interface ServerPortInfo {
  readonly portId: string;
  readonly networkId: string;
  readonly networkName: string;
  readonly macAddress: string;
  readonly mtu: number;
  readonly fixedIps: ReadonlyArray<{
    readonly ipAddress: string;
    readonly subnet: { readonly id: string; readonly cidr: string; readonly gatewayIp: string; readonly dnsNameservers: readonly string[] };
  }>;
  readonly preserveOnDelete: boolean;
}

export interface ServerAddress {
  readonly networkName: string;
  readonly addr: string;
  readonly version: number;
  readonly macAddr: string;
  readonly type: 'fixed' | 'floating';
}

/** Nova's side of the Nova–Neutron conversation: ports made, bound and released for servers. */
@Injectable()
export class ServerPortsService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(NetworksService) private readonly networks: NetworksService,
    @Inject(PortsService) private readonly ports: PortsService,
    @Inject(AutoAllocationService) private readonly auto: AutoAllocationService,
    @Inject(WriteLock) private readonly lock: WriteLock,
  ) {}

  async allocate(caller: AuthContext, serverId: string, zone: string, auto: boolean, requests: readonly PortRequest[]): Promise<ServerPortInfo[]> {
    const projectId = callerProject(caller);
    if (auto && requests.length > 0) {
      throw invalidInput('networks "auto" takes no other network requests.');
    }
    const wanted = auto ? [{ networkId: await this.auto.networkFor(caller, projectId) }] : requests;
    const owner = `compute:${zone || 'nova'}`;
    const ids = await this.lock.run(async () => {
      const targets = await Promise.all(wanted.map((r) => this.targetOf(caller, r)));
      return this.ds.transaction(async (m) => {
        const made: string[] = [];
        for (const t of targets) {
          if (t.kind === 'network') {
            const view = await this.ports.insert(m, {
              projectId,
              network: t.network,
              ...(t.fixedIp ? { fixedIps: [{ ip_address: t.fixedIp }] } : {}),
              deviceId: serverId,
              deviceOwner: owner,
              createdForDevice: true,
            });
            made.push(view.id);
          } else {
            t.port.deviceId = serverId;
            t.port.deviceOwner = owner;
            touch(t.port);
            await m.getRepository(PortEntity).save(t.port);
            made.push(t.port.id);
          }
        }
        return made;
      });
    });
    return this.infoOf(this.ds.manager, ids);
  }

  async bind(caller: AuthContext, serverId: string, host: string): Promise<ServerPortInfo[]> {
    requireService(caller, 'bind_port');
    return this.lock.run(async () => {
      const ports = await this.ds.getRepository(PortEntity).findBy({ deviceId: serverId });
      for (const p of ports) {
        p.hostId = host;
        p.status = PortsService.statusOf(p);
        touch(p);
      }
      await this.ds.getRepository(PortEntity).save(ports);
      return this.infoOf(this.ds.manager, ports.map((p) => p.id));
    });
  }

  /** The server's ports, oldest first (os-interface list). */
  async list(caller: AuthContext, serverId: string): Promise<ServerPortInfo[]> {
    requireService(caller, 'get_port');
    const ports = await this.ds.getRepository(PortEntity).find({ where: { deviceId: serverId }, order: { createdAt: 'ASC' } });
    return this.infoOf(this.ds.manager, ports.map((p) => p.id));
  }

  /** The server's ports (or only `portId`): made ones deleted, given ones unbound. */
  async release(caller: AuthContext, serverId: string, portId = ''): Promise<void> {
    requireService(caller, 'release_port');
    await this.lock.run(() =>
      this.ds.transaction(async (m) => {
        const ports = await m.getRepository(PortEntity).findBy(portId ? { deviceId: serverId, id: portId } : { deviceId: serverId });
        for (const p of ports) {
          if (p.createdForDevice) {
            await this.ports.remove(m, p.id);
          } else {
            Object.assign(p, { deviceId: '', deviceOwner: '', hostId: '', status: 'DOWN' });
            touch(p);
            await m.getRepository(PortEntity).save(p);
          }
        }
      }),
    );
  }

  /** Nova's `addresses` for each server: fixed IPs by network name, then their floating IPs. */
  async addresses(caller: AuthContext, serverIds: readonly string[]): Promise<Map<string, ServerAddress[]>> {
    requireService(caller, 'get_server_addresses');
    const out = new Map<string, ServerAddress[]>();
    if (serverIds.length === 0) {
      return out;
    }
    const ports = await this.ds.getRepository(PortEntity).findBy({ deviceId: In([...serverIds]) });
    if (ports.length === 0) {
      return out;
    }
    const portIds = ports.map((p) => p.id);
    const allocations = await this.ds.getRepository(IpAllocationEntity).findBy({ portId: In(portIds) });
    const fips = await this.ds.getRepository(FloatingIpEntity).findBy({ portId: In(portIds) });
    const nets = await this.ds.getRepository(NetworkEntity).findBy({ id: In([...new Set(ports.map((p) => p.networkId))]) });
    for (const p of ports) {
      const name = nets.find((n) => n.id === p.networkId)?.name || p.networkId;
      const list = out.get(p.deviceId) ?? [];
      for (const a of allocations.filter((x) => x.portId === p.id)) {
        list.push({ networkName: name, addr: a.ipAddress, version: 4, macAddr: p.macAddress, type: 'fixed' });
        for (const f of fips.filter((x) => x.fixedIpAddress === a.ipAddress)) {
          list.push({ networkName: name, addr: f.floatingIpAddress, version: 4, macAddr: p.macAddress, type: 'floating' });
        }
      }
      out.set(p.deviceId, list);
    }
    return out;
  }

  private async targetOf(
    caller: AuthContext,
    r: PortRequest,
  ): Promise<{ kind: 'network'; network: NetworkEntity; fixedIp?: string | undefined } | { kind: 'port'; port: PortEntity }> {
    if (r.portId) {
      const port = await this.ports.find(caller, r.portId);
      if (port.deviceId !== '' || port.deviceOwner !== '') {
        throw neutronError('conflict', 'PortInUse', `Port ${port.id} is still in use.`);
      }
      return { kind: 'port', port };
    }
    if (!r.networkId) {
      throw invalidInput('a network request needs a network id or a port id.');
    }
    const network = await this.networks.find(caller, r.networkId);
    if (!owns(caller, network.projectId) && !network.shared) {
      throw notFoundOf('Network', r.networkId);
    }
    return { kind: 'network', network, fixedIp: r.fixedIp || undefined };
  }

  private async infoOf(m: EntityManager, portIds: readonly string[]): Promise<ServerPortInfo[]> {
    if (portIds.length === 0) {
      return [];
    }
    const ports = await m.getRepository(PortEntity).findBy({ id: In([...portIds]) });
    const allocations = await m.getRepository(IpAllocationEntity).findBy({ portId: In([...portIds]) });
    const subnets = allocations.length === 0 ? [] : await m.getRepository(SubnetEntity).findBy({ id: In(allocations.map((a) => a.subnetId)) });
    const nets = await m.getRepository(NetworkEntity).findBy({ id: In(ports.map((p) => p.networkId)) });
    return portIds.flatMap((id) => {
      const p = ports.find((x) => x.id === id);
      if (!p) {
        return [];
      }
      const net = nets.find((n) => n.id === p.networkId);
      return [
        {
          portId: p.id,
          networkId: p.networkId,
          networkName: net?.name || p.networkId,
          macAddress: p.macAddress,
          mtu: net?.mtu ?? 1500,
          preserveOnDelete: !p.createdForDevice,
          fixedIps: allocations
            .filter((a) => a.portId === p.id)
            .map((a) => {
              const s = subnets.find((x) => x.id === a.subnetId);
              return {
                ipAddress: a.ipAddress,
                subnet: { id: a.subnetId, cidr: s?.cidr ?? '', gatewayIp: s?.gatewayIp ?? '', dnsNameservers: s?.dnsNameservers ?? [] },
              };
            }),
        },
      ];
    });
  }
}

/** Binding, releasing and reading server ports is compute's job: its service user is an admin. */
function requireService(caller: AuthContext, action: string): void {
  if (!isAdmin(caller)) {
    throw policyDenied(action);
  }
}
