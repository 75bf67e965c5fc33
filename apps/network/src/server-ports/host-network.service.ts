import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, Like } from 'typeorm';
import type { networkV1 } from '@tinystack/contracts';
import {
  FloatingIpEntity,
  IpAllocationEntity,
  NetworkEntity,
  PortEntity,
  SecurityGroupRuleEntity,
  SubnetEntity,
} from '../entities.js';
import { ROUTER_INTERFACE } from '../routers/routers.service.js';

/**
 * What one compute host must wire, computed from the database: the guest ports bound to it
 * with their security group rules (remote groups resolved to member addresses), and the
 * routers of their networks with the floating IPs of the host's ports. The agent makes the
 * host match it (apps/compute-agent/src/host-network).
 */
@Injectable()
export class HostNetworkService {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  async configFor(host: string): Promise<networkV1.WatchHostNetworkResponse> {
    const ports = await this.ds.getRepository(PortEntity).findBy({ hostId: host, deviceOwner: Like('compute:%') });
    if (ports.length === 0) {
      return { ports: [], routers: [] };
    }
    const networkIds = [...new Set(ports.map((p) => p.networkId))];
    const [allocations, networks, rules] = await Promise.all([
      this.ds.getRepository(IpAllocationEntity).findBy({ portId: In(ports.map((p) => p.id)) }),
      this.ds.getRepository(NetworkEntity).findBy({ id: In(networkIds) }),
      this.ds.getRepository(SecurityGroupRuleEntity).findBy({ securityGroupId: In([...new Set(ports.flatMap((p) => p.securityGroups))]) }),
    ]);
    const members = await this.groupMembers(rules.flatMap((r) => (r.remoteGroupId ? [r.remoteGroupId] : [])));
    const mtuOf = (networkId: string) => networks.find((n) => n.id === networkId)?.mtu ?? 1500;
    const hostPorts = ports.map((p) => ({
      portId: p.id,
      networkId: p.networkId,
      macAddress: p.macAddress,
      mtu: mtuOf(p.networkId),
      ipAddresses: allocations.filter((a) => a.portId === p.id).map((a) => a.ipAddress),
      portSecurity: p.portSecurity,
      rules: rules
        .filter((r) => p.securityGroups.includes(r.securityGroupId) && r.ethertype === 'IPv4')
        .map((r) => ({
          direction: r.direction,
          protocol: r.protocol ?? '',
          portRangeMin: r.portRangeMin ?? 0,
          portRangeMax: r.portRangeMax ?? 0,
          remoteCidrs: r.remoteGroupId ? (members.get(r.remoteGroupId) ?? []).map((ip) => `${ip}/32`) : r.remoteIpPrefix ? [r.remoteIpPrefix] : [],
          remoteGroup: r.remoteGroupId !== null,
        })),
    }));
    return { ports: hostPorts, routers: await this.routersOf(networkIds, ports) };
  }

  /** Addresses of the ports in each security group, for rules naming it as remote group. */
  private async groupMembers(groupIds: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (groupIds.length === 0) {
      return out;
    }
    const all = await this.ds.getRepository(PortEntity).find({ select: { id: true, securityGroups: true } });
    const wanted = new Set(groupIds);
    const inGroups = all.filter((p) => p.securityGroups.some((g) => wanted.has(g)));
    const ips = inGroups.length === 0 ? [] : await this.ds.getRepository(IpAllocationEntity).findBy({ portId: In(inGroups.map((p) => p.id)) });
    for (const g of wanted) {
      const portIds = new Set(inGroups.filter((p) => p.securityGroups.includes(g)).map((p) => p.id));
      out.set(g, ips.filter((a) => portIds.has(a.portId)).map((a) => a.ipAddress));
    }
    return out;
  }

  private async routersOf(networkIds: string[], hostPorts: PortEntity[]): Promise<networkV1.HostRouter[]> {
    const ifaces = await this.ds.getRepository(PortEntity).findBy({ networkId: In(networkIds), deviceOwner: ROUTER_INTERFACE });
    if (ifaces.length === 0) {
      return [];
    }
    const routerIds = [...new Set(ifaces.map((p) => p.deviceId))];
    const allIfaces = await this.ds.getRepository(PortEntity).findBy({ deviceId: In(routerIds), deviceOwner: ROUTER_INTERFACE });
    const [ifaceIps, nets, fips] = await Promise.all([
      this.ds.getRepository(IpAllocationEntity).findBy({ portId: In(allIfaces.map((p) => p.id)) }),
      this.ds.getRepository(NetworkEntity).findBy({ id: In([...new Set(allIfaces.map((p) => p.networkId))]) }),
      this.ds.getRepository(FloatingIpEntity).findBy({ portId: In(hostPorts.map((p) => p.id)) }),
    ]);
    const subnets = ifaceIps.length === 0 ? [] : await this.ds.getRepository(SubnetEntity).findBy({ id: In(ifaceIps.map((a) => a.subnetId)) });
    return routerIds.map((routerId) => ({
      routerId,
      interfaces: allIfaces
        .filter((p) => p.deviceId === routerId)
        .flatMap((p) =>
          ifaceIps
            .filter((a) => a.portId === p.id)
            .map((a) => ({
              portId: p.id,
              networkId: p.networkId,
              macAddress: p.macAddress,
              ipCidr: `${a.ipAddress}/${subnets.find((s) => s.id === a.subnetId)?.cidr.split('/')[1] ?? '32'}`,
              mtu: nets.find((n) => n.id === p.networkId)?.mtu ?? 1500,
            })),
        ),
      floatingIps: fips
        .filter((f) => f.routerId === routerId && f.fixedIpAddress !== null && f.portId !== null)
        .map((f) => ({ floatingIp: f.floatingIpAddress, fixedIp: f.fixedIpAddress ?? '', portId: f.portId ?? '' })),
    }));
  }
}
