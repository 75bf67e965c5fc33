import { forbidden } from '@tinystack/errors';
import type { AuthContext } from './token-claims.js';

/** The default roles, each implying the ones after it (Keystone's bootstrap: admin > member > reader). */
export const ROLE_ORDER = ['admin', 'member', 'reader'] as const;
export type DefaultRole = (typeof ROLE_ORDER)[number];

/** True when the caller holds `role` or a role that implies it. */
export function hasRole(ctx: AuthContext, role: DefaultRole): boolean {
  const needed = ROLE_ORDER.indexOf(role);
  return ctx.roles.some((r) => {
    const i = ROLE_ORDER.indexOf(r.name.toLowerCase() as DefaultRole);
    return i !== -1 && i <= needed;
  });
}

export const isAdmin = (ctx: AuthContext): boolean => hasRole(ctx, 'admin');

export function requireRole(ctx: AuthContext, role: DefaultRole): void {
  if (!hasRole(ctx, role)) {
    throw forbidden();
  }
}

/**
 * The caller may act in `projectId` with at least `role`: an admin anywhere, otherwise only
 * with a token scoped to that project.
 */
export function canActInProject(ctx: AuthContext, projectId: string, role: DefaultRole = 'member'): boolean {
  return isAdmin(ctx) || (ctx.projectId === projectId && hasRole(ctx, role));
}

export function requireProject(ctx: AuthContext, projectId: string, role: DefaultRole = 'member'): void {
  if (!canActInProject(ctx, projectId, role)) {
    throw forbidden();
  }
}
