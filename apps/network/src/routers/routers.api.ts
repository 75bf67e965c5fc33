import { z } from 'zod';
import type { RouterEntity } from '../entities.js';
import { bool, description, name, owner } from '../shared/body.js';
import { standardView } from '../shared/standard-attrs.js';
import type { FixedIp } from '../subnets/ipam.js';

const gatewayInfo = z
  .object({
    network_id: z.string().max(36),
    enable_snat: bool.optional(),
    external_fixed_ips: z.array(z.object({ subnet_id: z.string().optional(), ip_address: z.string().optional() }).strict()).optional(),
  })
  .strict();

export const createRouterBody = z
  .object({
    name: name.optional(),
    description: description.optional(),
    admin_state_up: bool.optional(),
    external_gateway_info: gatewayInfo.nullable().optional(),
    distributed: z.literal(false).optional(),
    ha: z.literal(false).optional(),
    availability_zone_hints: z.array(z.string()).optional(),
    ...owner,
  })
  .strict();
export type CreateRouterBody = z.infer<typeof createRouterBody>;

export const updateRouterBody = createRouterBody.omit({ project_id: true, tenant_id: true, availability_zone_hints: true }).extend({
  routes: z.array(z.never()).optional(),
});
export type UpdateRouterBody = z.infer<typeof updateRouterBody>;

/** PUT /routers/{id}/add_router_interface and remove_router_interface. */
export const interfaceBody = z
  .object({ subnet_id: z.string().max(36).optional(), port_id: z.string().max(36).optional() })
  .strict()
  .refine((b) => (b.subnet_id === undefined) !== (b.port_id === undefined), { message: 'Either subnet_id or port_id must be specified, not both' });
export type InterfaceBody = z.infer<typeof interfaceBody>;

export function routerView(r: RouterEntity, gatewayIps: readonly FixedIp[]) {
  return {
    id: r.id,
    name: r.name,
    ...standardView(r),
    admin_state_up: r.adminStateUp,
    status: 'ACTIVE',
    external_gateway_info:
      r.gatewayNetworkId === null
        ? null
        : { network_id: r.gatewayNetworkId, enable_snat: r.enableSnat, external_fixed_ips: [...gatewayIps] },
    routes: [] as unknown[],
    distributed: false,
    ha: false,
    availability_zone_hints: [] as string[],
    availability_zones: ['nova'],
    flavor_id: null,
  };
}
export type RouterView = ReturnType<typeof routerView>;
