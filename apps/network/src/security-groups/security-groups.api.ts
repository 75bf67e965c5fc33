import { z } from 'zod';
import type { SecurityGroupEntity, SecurityGroupRuleEntity } from '../entities.js';
import { bool, description, name, owner } from '../shared/body.js';
import { ownerAttrs } from '../shared/caller.js';
import { standardView } from '../shared/standard-attrs.js';
import { isoSeconds } from '../shared/time.js';

export const createSecurityGroupBody = z
  .object({ name: name.optional(), description: description.optional(), stateful: bool.optional(), ...owner })
  .strict();
export type CreateSecurityGroupBody = z.infer<typeof createSecurityGroupBody>;

export const updateSecurityGroupBody = z.object({ name: name.optional(), description: description.optional(), stateful: bool.optional() }).strict();
export type UpdateSecurityGroupBody = z.infer<typeof updateSecurityGroupBody>;

const portNumber = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]).nullable();

export const createRuleBody = z
  .object({
    security_group_id: z.string().max(36),
    direction: z.enum(['ingress', 'egress']),
    ethertype: z.enum(['IPv4', 'IPv6']).optional(),
    protocol: z.union([z.string().max(40), z.number().int().transform(String)]).nullable().optional(),
    port_range_min: portNumber.optional(),
    port_range_max: portNumber.optional(),
    remote_ip_prefix: z.string().max(64).nullable().optional(),
    remote_group_id: z.string().max(36).nullable().optional(),
    remote_address_group_id: z.null().optional(),
    description: description.optional(),
    ...owner,
  })
  .strict();
export type CreateRuleBody = z.infer<typeof createRuleBody>;

export const updateRuleBody = z.object({ description: description.optional() }).strict();
export type UpdateRuleBody = z.infer<typeof updateRuleBody>;

export function ruleView(r: SecurityGroupRuleEntity, defaultGroupId?: string) {
  return {
    id: r.id,
    ...ownerAttrs(r.projectId),
    security_group_id: r.securityGroupId,
    direction: r.direction,
    ethertype: r.ethertype,
    protocol: r.protocol,
    port_range_min: r.portRangeMin,
    port_range_max: r.portRangeMax,
    remote_ip_prefix: r.remoteIpPrefix,
    normalized_cidr: r.remoteIpPrefix,
    remote_group_id: r.remoteGroupId,
    remote_address_group_id: null,
    description: r.description,
    belongs_to_default_sg: defaultGroupId === r.securityGroupId,
    tags: [] as string[],
    created_at: isoSeconds(r.createdAt),
    updated_at: isoSeconds(r.updatedAt),
    revision_number: r.revision,
  };
}
export type RuleView = ReturnType<typeof ruleView>;

export function securityGroupView(g: SecurityGroupEntity, rules: readonly SecurityGroupRuleEntity[], isDefault: boolean) {
  return {
    id: g.id,
    name: g.name,
    ...standardView(g),
    stateful: g.stateful,
    shared: false,
    security_group_rules: rules.map((r) => ruleView(r, isDefault ? g.id : undefined)),
  };
}
export type SecurityGroupView = ReturnType<typeof securityGroupView>;
