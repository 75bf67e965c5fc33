import type { identityV1 } from '@tinystack/contracts';
import type { ApplicationCredentialEntity } from '../app-credentials/application-credential.entity.js';
import type { DomainEntity } from '../domains/domain.entity.js';
import type { GroupEntity } from '../groups/group.entity.js';
import type { RoleEntity } from '../roles/role.entity.js';
import type { StringFilter } from '../shared/list-filter.js';

/** An exact-name filter from a proto string (empty: no filter), as `?name=` is on REST. */
export function nameFilter(name: string): StringFilter[] {
  return name ? [{ op: 'eq', value: name, caseInsensitive: false }] : [];
}

/** `{ key: value }` when the proto string is set, `{}` when it is empty (absent on REST). */
export function ifSet<K extends string>(key: K, value: string): { [P in K]?: string } {
  return (value ? { [key]: value } : {}) as { [P in K]?: string };
}

/** `{ key: value }` when the proto3 optional field is present. */
export function ifPresent<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value !== undefined ? { [key]: value } : {}) as { [P in K]?: V };
}

export function protoGroup(g: GroupEntity): identityV1.Group {
  return { id: g.id, name: g.name, domainId: g.domainId, description: g.description ?? '' };
}

export function protoRole(r: RoleEntity): identityV1.Role {
  return { id: r.id, name: r.name };
}

export function protoDomain(d: DomainEntity): identityV1.Domain {
  return { id: d.id, name: d.name, enabled: d.enabled, description: d.description ?? '' };
}

export function protoAppCredential(
  c: ApplicationCredentialEntity,
  roles: ReadonlyMap<string, RoleEntity>,
): identityV1.ApplicationCredential {
  return {
    id: c.id,
    name: c.name,
    description: c.description ?? '',
    projectId: c.projectId,
    roles: c.roleIds.flatMap((id) => {
      const r = roles.get(id);
      return r ? [protoRole(r)] : [];
    }),
    expiresAt: c.expiresAt ?? 0,
    unrestricted: c.unrestricted,
    createdAt: c.createdAt,
  };
}
