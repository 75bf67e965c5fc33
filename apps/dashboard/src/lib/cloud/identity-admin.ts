import 'server-only';
import { cache } from 'react';
import type { identityV1 } from '@tinystack/contracts';
import { identityClient } from './clients.ts';
import type { Project, RoleAssignment, User } from './identity.ts';
import { callOptions } from './request.ts';
import { attempt, type Result } from './result.ts';
import type { Session } from './session.ts';
import type { GrantKey } from '../shared/identity.schemas.ts';

export type Group = identityV1.Group;
export type Role = identityV1.Role;
export type Domain = identityV1.Domain;

const byName = <T extends { name: string }>(xs: readonly T[]): T[] =>
  [...xs].sort((a, b) => a.name.localeCompare(b.name));

// Reads: each returns a Result for the panel that shows it (identity applies its policy:
// these are admin-only calls, so a member gets `forbidden` even if a page forgot to check).

export const listProjects = cache(async (session: Session): Promise<Result<Project[]>> =>
  attempt('identity', 'list projects', async () => {
    const res = await identityClient().listProjects(
      { domainId: '', name: '' },
      await callOptions(session.token),
    );
    return byName(res.projects);
  }),
);

export const listUsers = cache(async (session: Session): Promise<Result<User[]>> =>
  attempt('identity', 'list users', async () => {
    const res = await identityClient().listUsers(
      { domainId: '', name: '' },
      await callOptions(session.token),
    );
    return byName(res.users);
  }),
);

export const listGroups = cache(async (session: Session): Promise<Result<Group[]>> =>
  attempt('identity', 'list groups', async () => {
    const res = await identityClient().listGroups(
      { domainId: '' },
      await callOptions(session.token),
    );
    return byName(res.groups);
  }),
);

export const listGroupUsers = cache(
  async (session: Session, groupId: string): Promise<Result<User[]>> =>
    attempt('identity', 'list group members', async () => {
      const res = await identityClient().listGroupUsers(
        { groupId },
        await callOptions(session.token),
      );
      return byName(res.users);
    }),
);

export const listDomains = cache(async (session: Session): Promise<Result<Domain[]>> =>
  attempt('identity', 'list domains', async () => {
    const res = await identityClient().listDomains({}, await callOptions(session.token));
    return byName(res.domains);
  }),
);

export const listRoles = cache(async (session: Session): Promise<Result<Role[]>> =>
  attempt('identity', 'list roles', async () => {
    const res = await identityClient().listRoles({}, await callOptions(session.token));
    return byName(res.roles);
  }),
);

/** Direct role assignments with names filled in (one call), of one project or of everything. */
export const listNamedAssignments = cache(
  async (session: Session, projectId = ''): Promise<Result<RoleAssignment[]>> =>
    attempt('identity', 'list role assignments', async () => {
      const res = await identityClient().listRoleAssignments(
        { userId: '', projectId, effective: false, includeNames: true },
        await callOptions(session.token),
      );
      return res.assignments;
    }),
);

// Mutations: thin calls for server actions, which map a thrown error to a FormState.

export async function createProject(
  session: Session,
  p: { name: string; description: string; enabled: boolean },
): Promise<Project | undefined> {
  const res = await identityClient().createProject(
    { ...p, domainId: '' },
    await callOptions(session.token),
  );
  return res.project;
}

export async function updateProject(
  session: Session,
  id: string,
  p: { description: string; enabled: boolean },
): Promise<void> {
  await identityClient().updateProject({ id, ...p }, await callOptions(session.token));
}

export async function deleteProject(session: Session, id: string): Promise<void> {
  await identityClient().deleteProject({ id }, await callOptions(session.token));
}

export interface NewUser {
  readonly name: string;
  readonly password: string;
  readonly email: string;
  readonly defaultProjectId: string;
  readonly enabled: boolean;
}

export async function createUser(session: Session, u: NewUser): Promise<User | undefined> {
  const res = await identityClient().createUser(
    { ...u, domainId: '', description: '' },
    await callOptions(session.token),
  );
  return res.user;
}

export async function setUserEnabled(
  session: Session,
  id: string,
  enabled: boolean,
): Promise<void> {
  await identityClient().updateUser({ id, enabled }, await callOptions(session.token));
}

/** An admin's reset of another user's password: identity revokes that user's tokens. */
export async function resetPassword(session: Session, id: string, password: string): Promise<void> {
  await identityClient().updateUser({ id, password }, await callOptions(session.token));
}

export async function deleteUser(session: Session, id: string): Promise<void> {
  await identityClient().deleteUser({ id }, await callOptions(session.token));
}

export async function createGroup(
  session: Session,
  g: { name: string; description: string },
): Promise<void> {
  await identityClient().createGroup({ ...g, domainId: '' }, await callOptions(session.token));
}

export async function deleteGroup(session: Session, id: string): Promise<void> {
  await identityClient().deleteGroup({ id }, await callOptions(session.token));
}

export async function setGroupMember(
  session: Session,
  m: { groupId: string; userId: string },
  isMember: boolean,
): Promise<void> {
  const c = identityClient();
  const opts = await callOptions(session.token);
  await (isMember ? c.addUserToGroup(m, opts) : c.removeUserFromGroup(m, opts));
}

export async function createRole(
  session: Session,
  r: { name: string; description: string },
): Promise<void> {
  await identityClient().createRole(r, await callOptions(session.token));
}

export async function deleteRole(session: Session, id: string): Promise<void> {
  await identityClient().deleteRole({ id }, await callOptions(session.token));
}

/** Grants (or, with `isGranted` false, revokes) a role to a user or group on a project or domain. */
export async function setGrant(session: Session, g: GrantKey, isGranted: boolean): Promise<void> {
  const grant: identityV1.RoleGrant = {
    roleId: g.roleId,
    ...(g.actor === 'user' ? { userId: g.actorId } : { groupId: g.actorId }),
    ...(g.target === 'project' ? { projectId: g.targetId } : { domainId: g.targetId }),
  };
  const c = identityClient();
  const opts = await callOptions(session.token);
  await (isGranted ? c.grantRole({ grant }, opts) : c.revokeRole({ grant }, opts));
}
