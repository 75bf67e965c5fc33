import { z } from 'zod';
import type { SubnetEntity } from '../entities.js';
import { bool, description, name, owner } from '../shared/body.js';
import { standardView } from '../shared/standard-attrs.js';

const pool = z.object({ start: z.string(), end: z.string() }).strict();
const route = z.object({ destination: z.string(), nexthop: z.string() }).strict();

export const createSubnetBody = z
  .object({
    network_id: z.string().max(36),
    ip_version: z.union([z.literal(4), z.literal(6), z.enum(['4', '6']).transform(Number)]).optional(),
    cidr: z.string().max(64).optional(),
    name: name.optional(),
    description: description.optional(),
    gateway_ip: z.string().max(64).nullable().optional(),
    allocation_pools: z.array(pool).optional(),
    dns_nameservers: z.array(z.string().max(64)).optional(),
    host_routes: z.array(route).optional(),
    enable_dhcp: bool.optional(),
    subnetpool_id: z.string().nullable().optional(),
    prefixlen: z.number().int().optional(),
    ipv6_ra_mode: z.string().nullable().optional(),
    ipv6_address_mode: z.string().nullable().optional(),
    use_default_subnetpool: bool.optional(),
    service_types: z.array(z.string()).optional(),
    segment_id: z.string().nullable().optional(),
    ...owner,
  })
  .strict();
export type CreateSubnetBody = z.infer<typeof createSubnetBody>;

export const updateSubnetBody = z
  .object({
    name: name.optional(),
    description: description.optional(),
    gateway_ip: z.string().max(64).nullable().optional(),
    allocation_pools: z.array(pool).optional(),
    dns_nameservers: z.array(z.string().max(64)).optional(),
    host_routes: z.array(route).optional(),
    enable_dhcp: bool.optional(),
    service_types: z.array(z.string()).optional(),
    segment_id: z.string().nullable().optional(),
  })
  .strict();
export type UpdateSubnetBody = z.infer<typeof updateSubnetBody>;

export function subnetView(s: SubnetEntity) {
  return {
    id: s.id,
    name: s.name,
    ...standardView(s),
    network_id: s.networkId,
    ip_version: s.ipVersion,
    cidr: s.cidr,
    gateway_ip: s.gatewayIp,
    allocation_pools: s.allocationPools,
    dns_nameservers: s.dnsNameservers,
    host_routes: s.hostRoutes,
    enable_dhcp: s.enableDhcp,
    ipv6_ra_mode: null,
    ipv6_address_mode: null,
    subnetpool_id: null,
    service_types: [] as string[],
    segment_id: null,
    dns_publish_fixed_ip: false,
  };
}
export type SubnetView = ReturnType<typeof subnetView>;
