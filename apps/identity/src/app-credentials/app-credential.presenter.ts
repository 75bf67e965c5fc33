import { keystoneTime } from '../shared/time.js';
import type { RoleEntity } from '../roles/role.entity.js';
import { GLOBAL_ROLE_DOMAIN } from '../roles/role.entity.js';
import type { ApplicationCredentialEntity } from './application-credential.entity.js';

/** Keystone's application credential document; `secret` only in the create response. */
export function appCredentialJson(
  c: ApplicationCredentialEntity,
  roles: ReadonlyMap<string, RoleEntity>,
  base: string,
  secret?: string,
): Record<string, unknown> {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    user_id: c.userId,
    project_id: c.projectId,
    expires_at: c.expiresAt === null ? null : keystoneTime(c.expiresAt),
    unrestricted: c.unrestricted,
    roles: c.roleIds.flatMap((id) => {
      const r = roles.get(id);
      return r
        ? [
            {
              id: r.id,
              name: r.name,
              domain_id: r.domainId === GLOBAL_ROLE_DOMAIN ? null : r.domainId,
            },
          ]
        : [];
    }),
    access_rules: [],
    ...(secret !== undefined ? { secret } : {}),
    links: { self: `${base}/users/${c.userId}/application_credentials/${c.id}` },
  };
}
