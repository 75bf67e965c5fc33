/** The default roles, each implying the ones after it (admin > member > reader), as identity has them. */
export const ROLE_ORDER = ['admin', 'member', 'reader'] as const;
export type DefaultRole = (typeof ROLE_ORDER)[number];

/** True when `roles` (names, as a token carries them) include `role` or a role implying it. */
export function hasRole(roles: readonly string[], role: DefaultRole): boolean {
  const needed = ROLE_ORDER.indexOf(role);
  return roles.some((name) => {
    const i = ROLE_ORDER.indexOf(name.toLowerCase() as DefaultRole);
    return i !== -1 && i <= needed;
  });
}

export const isAdminRoles = (roles: readonly string[]): boolean => hasRole(roles, 'admin');
