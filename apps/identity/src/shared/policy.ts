import { isAdmin, type AuthContext } from '@tinystack/auth';
import { forbidden } from '@tinystack/errors';

/**
 * Keystone's default policy, in the few shapes identity needs. `admin` (on any scope, as in
 * Keystone's legacy `role:admin` rule; service users hold it on the `service` project)
 * manages everything; everyone else sees what its own scope allows.
 */
export function requireAdmin(caller: AuthContext): void {
  if (!isAdmin(caller)) {
    throw forbidden();
  }
}

/** Admin, or the caller is `userId` itself. */
export function requireAdminOrSelf(caller: AuthContext, userId: string): void {
  if (!isAdmin(caller) && caller.userId !== userId) {
    throw forbidden();
  }
}

export { isAdmin };

/** The caller is `userId` itself (not even admin acts for another user here). */
export function requireSelf(caller: AuthContext, userId: string): void {
  if (caller.userId !== userId) {
    throw forbidden(`You are not allowed to act for user ${userId}.`);
  }
}
