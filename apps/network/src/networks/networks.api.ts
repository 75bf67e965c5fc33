import { z } from 'zod';
import type { NetworkEntity } from '../entities.js';
import { bool, description, name, owner } from '../shared/body.js';
import { standardView } from '../shared/standard-attrs.js';

export const createNetworkBody = z
  .object({
    name: name.optional(),
    description: description.optional(),
    admin_state_up: bool.optional(),
    shared: bool.optional(),
    'router:external': bool.optional(),
    is_default: bool.optional(),
    mtu: z.number().int().min(68).max(9000).optional(),
    port_security_enabled: bool.optional(),
    availability_zone_hints: z.array(z.string()).optional(),
    ...owner,
  })
  .strict();
export type CreateNetworkBody = z.infer<typeof createNetworkBody>;

export const updateNetworkBody = createNetworkBody.omit({ project_id: true, tenant_id: true, availability_zone_hints: true });
export type UpdateNetworkBody = z.infer<typeof updateNetworkBody>;

/** A network as Neutron shows it. */
export function networkView(n: NetworkEntity, subnetIds: readonly string[]) {
  return {
    id: n.id,
    name: n.name,
    ...standardView(n),
    admin_state_up: n.adminStateUp,
    status: 'ACTIVE',
    subnets: [...subnetIds],
    shared: n.shared,
    'router:external': n.external,
    is_default: n.isDefault,
    mtu: n.mtu,
    port_security_enabled: n.portSecurity,
    availability_zone_hints: [] as string[],
    availability_zones: ['nova'],
    ipv4_address_scope: null,
    ipv6_address_scope: null,
    l2_adjacency: true,
  };
}
export type NetworkView = ReturnType<typeof networkView>;
