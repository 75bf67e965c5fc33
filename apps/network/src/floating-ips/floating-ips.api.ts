import { z } from 'zod';
import type { FloatingIpEntity } from '../entities.js';
import { description, owner } from '../shared/body.js';
import { ownerAttrs } from '../shared/caller.js';
import { isoSeconds } from '../shared/time.js';

export const createFloatingIpBody = z
  .object({
    floating_network_id: z.string().max(36),
    floating_ip_address: z.string().max(64).optional(),
    subnet_id: z.string().max(36).optional(),
    port_id: z.string().max(36).nullable().optional(),
    fixed_ip_address: z.string().max(64).nullable().optional(),
    description: description.optional(),
    dns_domain: z.literal('').optional(),
    dns_name: z.literal('').optional(),
    ...owner,
  })
  .strict();
export type CreateFloatingIpBody = z.infer<typeof createFloatingIpBody>;

export const updateFloatingIpBody = z
  .object({
    port_id: z.string().max(36).nullable().optional(),
    fixed_ip_address: z.string().max(64).nullable().optional(),
    description: description.optional(),
  })
  .strict();
export type UpdateFloatingIpBody = z.infer<typeof updateFloatingIpBody>;

export interface PortDetails {
  readonly name: string;
  readonly network_id: string;
  readonly mac_address: string;
  readonly admin_state_up: boolean;
  readonly status: string;
  readonly device_id: string;
  readonly device_owner: string;
}

export function floatingIpView(f: FloatingIpEntity, portDetails: PortDetails | null) {
  return {
    id: f.id,
    ...ownerAttrs(f.projectId),
    description: f.description,
    floating_ip_address: f.floatingIpAddress,
    floating_network_id: f.floatingNetworkId,
    router_id: f.routerId,
    port_id: f.portId,
    fixed_ip_address: f.fixedIpAddress,
    status: f.status,
    port_details: portDetails,
    port_forwardings: [] as unknown[],
    dns_domain: '',
    dns_name: '',
    qos_policy_id: null,
    tags: [] as string[],
    created_at: isoSeconds(f.createdAt),
    updated_at: isoSeconds(f.updatedAt),
    revision_number: f.revision,
  };
}
export type FloatingIpView = ReturnType<typeof floatingIpView>;
