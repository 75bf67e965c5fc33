import { hasRole, isAdmin, type AuthContext } from '@tinystack/auth';
import { forbidden } from '@tinystack/errors';

export { isAdmin };

/** The project a caller acts in; a token without a project scope may not use the compute API. */
export function projectOf(caller: AuthContext): string {
  if (!caller.projectId) {
    throw forbidden('The compute API needs a project-scoped token.');
  }
  return caller.projectId;
}

/** Reads need reader, changes member (Nova's project_reader / project_member defaults). */
export function requireReader(caller: AuthContext): void {
  if (!hasRole(caller, 'reader')) {
    throw forbidden();
  }
}

export function requireMember(caller: AuthContext): void {
  if (!hasRole(caller, 'member')) {
    throw forbidden();
  }
}

export function requireAdmin(caller: AuthContext, what = 'this action'): void {
  if (!isAdmin(caller)) {
    throw forbidden(`Policy doesn't allow ${what} to be performed.`);
  }
}
