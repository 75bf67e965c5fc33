import type { EntityManager } from 'typeorm';
import { IpAllocationEntity, SubnetEntity } from '../entities.js';
import { contains, formatIpv4, parseCidr, parseIpv4 } from '../shared/ipv4.js';
import { invalidInput, neutronError } from '../shared/neutron.errors.js';

/** A fixed IP a port asks for: a subnet, an address, or both. */
export interface FixedIpRequest {
  readonly subnet_id?: string | undefined;
  readonly ip_address?: string | undefined;
}

export interface FixedIp {
  readonly subnet_id: string;
  readonly ip_address: string;
}

/**
 * Neutron's IPAM for IPv4 subnets: explicit addresses checked against the subnet and what
 * is allocated, otherwise the lowest free address of the allocation pools. The caller holds
 * the write lock; the (subnet, address) primary key refuses any duplicate anyway.
 */
export class Ipam {
  constructor(private readonly m: EntityManager) {}

  /** Allocates `requests` (or one address from the network's first subnet with room) to `portId`. */
  async allocate(networkId: string, portId: string, requests: readonly FixedIpRequest[] | undefined, opts: { mayTakeGateway: boolean }): Promise<FixedIp[]> {
    const subnets = await this.m.getRepository(SubnetEntity).find({ where: { networkId }, order: { createdAt: 'ASC' } });
    const out: FixedIp[] = [];
    if (requests === undefined) {
      for (const subnet of subnets) {
        const ip = await this.lowestFree(subnet);
        if (ip !== undefined) {
          out.push(await this.record(subnet, ip, portId));
          return out;
        }
      }
      if (subnets.length > 0) {
        throw neutronError('conflict', 'IpAddressGenerationFailure', `No more IP addresses available on network ${networkId}.`);
      }
      return out;
    }
    for (const req of requests) {
      const subnet = this.subnetFor(subnets, req, networkId);
      if (req.ip_address === undefined) {
        const ip = await this.lowestFree(subnet);
        if (ip === undefined) {
          throw neutronError('conflict', 'IpAddressGenerationFailure', `No more IP addresses available on network ${networkId}.`);
        }
        out.push(await this.record(subnet, ip, portId));
        continue;
      }
      const addr = parseIpv4(req.ip_address);
      const cidr = parseCidr(subnet.cidr);
      if (addr === undefined || !cidr || !contains(cidr, addr)) {
        throw invalidInput(`IP address ${req.ip_address} is not a valid IP for the specified subnet.`);
      }
      if (req.ip_address === subnet.gatewayIp && !opts.mayTakeGateway) {
        throw neutronError('conflict', 'IpAddressInUse', `Unable to complete operation for network ${networkId}. The IP address ${req.ip_address} is in use.`);
      }
      out.push(await this.record(subnet, formatIpv4(addr), portId));
    }
    return out;
  }

  async release(portId: string): Promise<void> {
    await this.m.getRepository(IpAllocationEntity).delete({ portId });
  }

  private subnetFor(subnets: SubnetEntity[], req: FixedIpRequest, networkId: string): SubnetEntity {
    if (req.subnet_id !== undefined) {
      const s = subnets.find((x) => x.id === req.subnet_id);
      if (!s) {
        throw invalidInput(`Failed to create port on network ${networkId}, because fixed_ips included invalid subnet ${req.subnet_id}.`);
      }
      return s;
    }
    const addr = req.ip_address === undefined ? undefined : parseIpv4(req.ip_address);
    const s = subnets.find((x) => {
      const c = parseCidr(x.cidr);
      return addr !== undefined && c !== undefined && contains(c, addr);
    });
    if (!s) {
      throw invalidInput(`IP address ${req.ip_address ?? ''} is not a valid IP for any subnet on network ${networkId}.`);
    }
    return s;
  }

  private async lowestFree(subnet: SubnetEntity): Promise<string | undefined> {
    const taken = new Set(
      (await this.m.getRepository(IpAllocationEntity).find({ where: { subnetId: subnet.id }, select: { ipAddress: true } })).map((a) => a.ipAddress),
    );
    for (const pool of subnet.allocationPools) {
      const start = parseIpv4(pool.start);
      const end = parseIpv4(pool.end);
      if (start === undefined || end === undefined) {
        continue;
      }
      for (let n = start; n <= end; n++) {
        const ip = formatIpv4(n);
        if (!taken.has(ip) && ip !== subnet.gatewayIp) {
          return ip;
        }
      }
    }
    return undefined;
  }

  private async record(subnet: SubnetEntity, ip: string, portId: string): Promise<FixedIp> {
    const repo = this.m.getRepository(IpAllocationEntity);
    if (await repo.findOneBy({ subnetId: subnet.id, ipAddress: ip })) {
      throw neutronError('conflict', 'IpAddressAlreadyAllocated', `IP address ${ip} already allocated in subnet ${subnet.id}`);
    }
    await repo.insert({ subnetId: subnet.id, ipAddress: ip, portId, networkId: subnet.networkId });
    return { subnet_id: subnet.id, ip_address: ip };
  }
}
