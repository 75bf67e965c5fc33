import { GLOBAL_ROLE_DOMAIN, type RoleEntity } from './role.entity.js';

export function roleJson(r: RoleEntity, base: string): Record<string, unknown> {
  return {
    ...r.extra,
    id: r.id,
    name: r.name,
    domain_id: r.domainId === GLOBAL_ROLE_DOMAIN ? null : r.domainId,
    description: r.description,
    options: {},
    links: { self: `${base}/roles/${r.id}` },
  };
}

/** The short form used inside implied-role documents and assignments. */
export function roleRefJson(r: RoleEntity, base: string): Record<string, unknown> {
  return { id: r.id, name: r.name, links: { self: `${base}/roles/${r.id}` } };
}
