import 'server-only';
import { cache } from 'react';
import type { identityV1 } from '@tinystack/contracts';
import { identityClient } from './clients.ts';
import { callOptions } from './request.ts';
import { attempt, type Result } from './result.ts';
import type { Session } from './session.ts';

export type Project = identityV1.Project;
export type RoleAssignment = identityV1.RoleAssignment;
export type User = identityV1.User;

/** Password authentication, unscoped (the project comes next, with rescope). */
export async function authenticate(input: { domain: string; user: string; password: string }) {
  return identityClient().authenticate(
    {
      userId: '',
      userName: input.user,
      userDomainId: '',
      userDomainName: input.domain,
      password: input.password,
    },
    await callOptions(),
  );
}

/** A token for `projectId` made from `token` (the project switcher, and login). */
export async function rescope(token: string, projectId: string) {
  const scope = {
    projectId,
    projectName: '',
    projectDomainId: '',
    projectDomainName: '',
    domainId: '',
    domainName: '',
  };
  return identityClient().rescope({ token, scope }, await callOptions());
}

/** Revoke a token (log out); the token authorises its own revocation. */
export async function revoke(token: string): Promise<void> {
  await identityClient().revokeToken({ token }, await callOptions(token));
}

/** Projects the user has a role on, by name (the project switcher). */
export const listMyProjects = cache(async (session: Session): Promise<Result<Project[]>> =>
  attempt('identity', 'list user projects', async () => {
    const res = await identityClient().listUserProjects(
      { userId: session.user.id },
      await callOptions(session.token),
    );
    return [...res.projects].sort((a, b) => a.name.localeCompare(b.name));
  }),
);

export async function projectsOfToken(token: string, userId: string): Promise<Project[]> {
  const res = await identityClient().listUserProjects({ userId }, await callOptions(token));
  return [...res.projects].sort((a, b) => a.name.localeCompare(b.name));
}

export const getProject = cache(async (session: Session, id: string): Promise<Result<Project>> =>
  attempt('identity', 'get project', async () => {
    const res = await identityClient().getProject({ id }, await callOptions(session.token));
    if (!res.project) {
      throw Object.assign(new Error(`No project with ID ${id} exists.`), { kind: 'not_found' });
    }
    return res.project;
  }),
);

export const getUser = cache(async (session: Session, id: string): Promise<Result<User>> =>
  attempt('identity', 'get user', async () => {
    const res = await identityClient().getUser({ id }, await callOptions(session.token));
    if (!res.user) {
      throw Object.assign(new Error(`No user with ID ${id} exists.`), { kind: 'not_found' });
    }
    return res.user;
  }),
);

/** Role assignments (admins: any; others: their own), optionally of one user or project. */
export async function listRoleAssignments(
  session: Session,
  filter: { userId?: string; projectId?: string; effective?: boolean } = {},
): Promise<Result<RoleAssignment[]>> {
  return attempt('identity', 'list role assignments', async () => {
    const res = await identityClient().listRoleAssignments(
      {
        userId: filter.userId ?? '',
        projectId: filter.projectId ?? '',
        effective: filter.effective ?? false,
      },
      await callOptions(session.token),
    );
    return res.assignments;
  });
}
