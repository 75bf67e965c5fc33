import type { UserEntity } from './user.entity.js';

/** Keystone's user representation; the password hash and lockout counters never leave the service. */
export function userJson(u: UserEntity, base: string): Record<string, unknown> {
  return {
    ...u.extra,
    id: u.id,
    name: u.name,
    domain_id: u.domainId,
    enabled: u.enabled,
    ...(u.defaultProjectId ? { default_project_id: u.defaultProjectId } : {}),
    password_expires_at: null,
    options: u.options,
    links: { self: `${base}/users/${u.id}` },
  };
}
