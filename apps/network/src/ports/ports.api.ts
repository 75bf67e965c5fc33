import { z } from 'zod';
import type { PortEntity } from '../entities.js';
import { bool, description, name, owner } from '../shared/body.js';
import { standardView } from '../shared/standard-attrs.js';
import type { FixedIp } from '../subnets/ipam.js';

const fixedIp = z.object({ subnet_id: z.string().max(36).optional(), ip_address: z.string().max(64).optional() }).strict();

const common = {
  name: name.optional(),
  description: description.optional(),
  admin_state_up: bool.optional(),
  fixed_ips: z.array(fixedIp).optional(),
  security_groups: z.array(z.string().max(36)).nullable().optional(),
  port_security_enabled: bool.optional(),
  device_id: z.string().max(255).optional(),
  device_owner: z.string().max(255).optional(),
  'binding:host_id': z.string().max(255).optional(),
  'binding:vnic_type': z.literal('normal').optional(),
  'binding:profile': z.object({}).strict().optional(),
  allowed_address_pairs: z.array(z.never()).optional(),
  extra_dhcp_opts: z.array(z.never()).optional(),
  dns_name: z.literal('').optional(),
};

export const createPortBody = z
  .object({
    network_id: z.string().max(36),
    mac_address: z.string().regex(/^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/, 'must be a MAC address like fa:16:3e:00:00:01').optional(),
    ...common,
    ...owner,
  })
  .strict();
export type CreatePortBody = z.infer<typeof createPortBody>;

export const updatePortBody = z.object(common).strict();
export type UpdatePortBody = z.infer<typeof updatePortBody>;

export function portView(p: PortEntity, fixedIps: readonly FixedIp[]) {
  return {
    id: p.id,
    name: p.name,
    ...standardView(p),
    network_id: p.networkId,
    mac_address: p.macAddress,
    admin_state_up: p.adminStateUp,
    status: p.status,
    device_id: p.deviceId,
    device_owner: p.deviceOwner,
    fixed_ips: [...fixedIps],
    security_groups: [...p.securityGroups],
    port_security_enabled: p.portSecurity,
    allowed_address_pairs: [] as unknown[],
    extra_dhcp_opts: [] as unknown[],
    'binding:host_id': p.hostId,
    'binding:vif_type': p.hostId === '' ? 'unbound' : 'bridge',
    'binding:vnic_type': 'normal',
    'binding:profile': {},
    'binding:vif_details': p.hostId === '' ? {} : { port_filter: true },
    dns_name: '',
    dns_assignment: [] as unknown[],
    ip_allocation: 'immediate',
    propagate_uplink_status: false,
  };
}
export type PortView = ReturnType<typeof portView>;
