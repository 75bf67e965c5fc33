import { isAdmin, type AuthContext } from '@tinystack/auth';
import { forbidden } from '@tinystack/errors';
import { policyDenied } from './neutron.errors.js';

/** The project a call acts in: the token's project (Neutron needs project-scoped tokens). */
export function callerProject(caller: AuthContext): string {
  if (!caller.projectId) {
    throw forbidden('A project-scoped token is required.');
  }
  return caller.projectId;
}

/**
 * The owner of a resource being created: the caller's project, or the `project_id` /
 * `tenant_id` of the body, which only an admin may set to another project.
 */
export function ownerFor(caller: AuthContext, body: { project_id?: string | undefined; tenant_id?: string | undefined }, action: string): string {
  const own = callerProject(caller);
  const asked = body.project_id ?? body.tenant_id;
  if (asked !== undefined && asked !== own && !isAdmin(caller)) {
    throw policyDenied(action);
  }
  return asked ?? own;
}

/** The caller owns `projectId` or is an admin. */
export function owns(caller: AuthContext, projectId: string): boolean {
  return isAdmin(caller) || caller.projectId === projectId;
}

/** project_id and tenant_id, which Neutron shows both. */
export function ownerAttrs(projectId: string): { tenant_id: string; project_id: string } {
  return { tenant_id: projectId, project_id: projectId };
}
