import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '@tinystack/auth';
import { DataSource, In, Not } from 'typeorm';
import { IpAllocationEntity, NetworkEntity, PortEntity, SubnetEntity } from '../entities.js';
import { NetworksService } from '../networks/networks.service.js';
import { QuotasService } from '../quotas/quotas.service.js';
import { owns } from '../shared/caller.js';
import {
  contains,
  defaultPools,
  formatCidr,
  formatIpv4,
  overlaps,
  parseCidr,
  parseIpv4,
  type Cidr,
  type IpRange,
} from '../shared/ipv4.js';
import { WriteLock } from '../shared/mutex.js';
import { inUse, invalidInput, notFoundOf, policyDenied } from '../shared/neutron.errors.js';
import { newStandard, touch } from '../shared/standard-attrs.js';
import { subnetView, type CreateSubnetBody, type SubnetView, type UpdateSubnetBody } from './subnets.api.js';

function ipOrFail(text: string, what: string): number {
  const n = parseIpv4(text);
  if (n === undefined) {
    throw invalidInput(`'${text}' is not a valid IP address for ${what}.`);
  }
  return n;
}

/** Pools checked: inside the CIDR, start <= end, not overlapping each other, not holding the gateway. */
function checkPools(cidr: Cidr, pools: Array<{ start: string; end: string }>, gateway: number | undefined): IpRange[] {
  const ranges = pools
    .map((p) => ({ start: ipOrFail(p.start, 'allocation_pools'), end: ipOrFail(p.end, 'allocation_pools') }))
    .sort((a, b) => a.start - b.start);
  ranges.forEach((r, i) => {
    if (r.start > r.end || !contains(cidr, r.start) || !contains(cidr, r.end)) {
      throw invalidInput(`The allocation pool ${formatIpv4(r.start)}-${formatIpv4(r.end)} spans beyond the subnet cidr ${formatCidr(cidr)}.`);
    }
    const prev = ranges[i - 1];
    if (prev && prev.end >= r.start) {
      throw invalidInput(`Found overlapping allocation pools: ${formatIpv4(prev.start)}-${formatIpv4(prev.end)} and ${formatIpv4(r.start)}-${formatIpv4(r.end)}.`);
    }
    if (gateway !== undefined && gateway >= r.start && gateway <= r.end) {
      throw neutronErrorGatewayConflict(formatIpv4(gateway));
    }
  });
  return ranges;
}

function neutronErrorGatewayConflict(gw: string) {
  return invalidInput(`Gateway ip ${gw} conflicts with allocation pool.`);
}

function checkDnsAndRoutes(body: { dns_nameservers?: string[] | undefined; host_routes?: Array<{ destination: string; nexthop: string }> | undefined }): void {
  for (const ns of body.dns_nameservers ?? []) {
    ipOrFail(ns, 'dns_nameservers');
  }
  if (new Set(body.dns_nameservers ?? []).size !== (body.dns_nameservers ?? []).length) {
    throw invalidInput('Duplicate nameserver in dns_nameservers.');
  }
  for (const r of body.host_routes ?? []) {
    if (!parseCidr(r.destination)) {
      throw invalidInput(`'${r.destination}' is not a valid destination CIDR in host_routes.`);
    }
    ipOrFail(r.nexthop, 'host_routes');
  }
}

@Injectable()
export class SubnetsService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(NetworksService) private readonly networks: NetworksService,
    @Inject(QuotasService) private readonly quotas: QuotasService,
    @Inject(WriteLock) private readonly lock: WriteLock,
  ) {}

  async create(caller: AuthContext, body: CreateSubnetBody): Promise<SubnetView> {
    return this.lock.run(async () => {
      const net = await this.networks.find(caller, body.network_id);
      if (!owns(caller, net.projectId)) {
        throw policyDenied('create_subnet');
      }
      const projectId = body.project_id ?? body.tenant_id ?? net.projectId;
      if ((body.ip_version ?? 4) !== 4) {
        throw invalidInput('tinystack supports IPv4 subnets only (ip_version 4).');
      }
      if (body.subnetpool_id || body.use_default_subnetpool) {
        throw invalidInput('Subnet pools are not supported: give a cidr.');
      }
      if (body.cidr === undefined) {
        throw invalidInput('A cidr must be specified in the absence of a subnet pool.');
      }
      const cidr = parseCidr(body.cidr);
      if (!cidr || cidr.prefix < 1) {
        throw invalidInput(`'${body.cidr}' is not a valid IP subnet.`);
      }
      if (formatCidr(cidr) !== body.cidr.trim()) {
        throw invalidInput(`'${body.cidr}' isn't a recognized IP subnet cidr, '${formatCidr(cidr)}' is recommended.`);
      }
      const siblings = await this.ds.getRepository(SubnetEntity).findBy({ networkId: net.id });
      for (const s of siblings) {
        const other = parseCidr(s.cidr);
        if (other && overlaps(cidr, other)) {
          throw invalidInput(`Requested subnet with cidr: ${body.cidr} for network: ${net.id} overlaps with another subnet.`);
        }
      }
      const gateway = this.gatewayOf(cidr, body.gateway_ip);
      const pools = body.allocation_pools ? checkPools(cidr, body.allocation_pools, gateway) : defaultPools(cidr, gateway);
      checkDnsAndRoutes(body);
      return this.ds.transaction(async (m) => {
        await this.quotas.check(m, projectId, 'subnet');
        const subnet = Object.assign(new SubnetEntity(), {
          ...newStandard(projectId, body.description),
          name: body.name ?? '',
          networkId: net.id,
          ipVersion: 4,
          cidr: formatCidr(cidr),
          gatewayIp: gateway === undefined ? null : formatIpv4(gateway),
          allocationPools: pools.map((p) => ({ start: formatIpv4(p.start), end: formatIpv4(p.end) })),
          dnsNameservers: body.dns_nameservers ?? [],
          hostRoutes: body.host_routes ?? [],
          enableDhcp: body.enable_dhcp ?? true,
        });
        await m.getRepository(SubnetEntity).insert(subnet);
        touch(net);
        await m.getRepository(NetworkEntity).save(net);
        return subnetView(subnet);
      });
    });
  }

  /** Subnets of the networks the caller sees. */
  async list(caller: AuthContext): Promise<SubnetView[]> {
    const nets = (await this.ds.getRepository(NetworkEntity).find()).filter((n) => NetworksService.visible(caller, n));
    const ids = new Set(nets.map((n) => n.id));
    const subnets = await this.ds.getRepository(SubnetEntity).find();
    return subnets.filter((s) => ids.has(s.networkId) || owns(caller, s.projectId)).map(subnetView);
  }

  async find(caller: AuthContext, id: string): Promise<SubnetEntity> {
    const s = await this.ds.getRepository(SubnetEntity).findOneBy({ id });
    if (!s) {
      throw notFoundOf('Subnet', id);
    }
    try {
      await this.networks.find(caller, s.networkId);
    } catch {
      throw notFoundOf('Subnet', id);
    }
    return s;
  }

  async get(caller: AuthContext, id: string): Promise<SubnetView> {
    return subnetView(await this.find(caller, id));
  }

  async update(caller: AuthContext, id: string, body: UpdateSubnetBody): Promise<SubnetView> {
    return this.lock.run(async () => {
      const s = await this.find(caller, id);
      if (!owns(caller, s.projectId)) {
        throw policyDenied('update_subnet');
      }
      const cidr = parseCidr(s.cidr) as Cidr;
      checkDnsAndRoutes(body);
      let gateway = s.gatewayIp === null ? undefined : parseIpv4(s.gatewayIp);
      if (body.gateway_ip !== undefined) {
        gateway = this.gatewayOf(cidr, body.gateway_ip);
      }
      const pools = body.allocation_pools
        ? checkPools(cidr, body.allocation_pools, gateway)
        : checkPools(cidr, s.allocationPools, gateway);
      s.gatewayIp = gateway === undefined ? null : formatIpv4(gateway);
      s.allocationPools = pools.map((p) => ({ start: formatIpv4(p.start), end: formatIpv4(p.end) }));
      if (body.name !== undefined) {s.name = body.name;}
      if (body.description !== undefined) {s.description = body.description;}
      if (body.dns_nameservers !== undefined) {s.dnsNameservers = body.dns_nameservers;}
      if (body.host_routes !== undefined) {s.hostRoutes = body.host_routes;}
      if (body.enable_dhcp !== undefined) {s.enableDhcp = body.enable_dhcp;}
      touch(s);
      await this.ds.getRepository(SubnetEntity).save(s);
      return subnetView(s);
    });
  }

  async delete(caller: AuthContext, id: string): Promise<void> {
    await this.lock.run(async () => {
      const s = await this.find(caller, id);
      if (!owns(caller, s.projectId)) {
        throw policyDenied('delete_subnet');
      }
      await this.ds.transaction(async (m) => {
        const allocations = await m.getRepository(IpAllocationEntity).findBy({ subnetId: id });
        const ports = allocations.length === 0 ? [] : await m.getRepository(PortEntity).findBy({ id: In(allocations.map((a) => a.portId)), deviceOwner: Not('network:dhcp') });
        if (ports.length > 0) {
          throw inUse('SubnetInUse', `Unable to complete operation on subnet ${id}: One or more ports have an IP allocation from this subnet.`);
        }
        await m.getRepository(IpAllocationEntity).delete({ subnetId: id });
        await m.getRepository(SubnetEntity).delete({ id });
      });
    });
  }

  /** The gateway: the first host by default, none when null, else a checked address inside the CIDR. */
  private gatewayOf(cidr: Cidr, asked: string | null | undefined): number | undefined {
    if (asked === null) {
      return undefined;
    }
    if (asked === undefined) {
      return cidr.prefix >= 31 ? undefined : cidr.network + 1;
    }
    const gw = ipOrFail(asked, 'gateway_ip');
    if (!contains(cidr, gw)) {
      throw invalidInput(`Gateway IP ${asked} is not in subnet ${formatCidr(cidr)}.`);
    }
    return gw;
  }
}
