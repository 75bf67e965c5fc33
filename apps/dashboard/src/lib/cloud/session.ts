import 'server-only';
import { cache } from 'react';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import type { identityV1 } from '@tinystack/contracts';
import { errorParts } from '../shared/cloud-error.ts';
import { isAdminRoles } from '../shared/roles.ts';
import { isExpired, peekToken } from '../shared/token-peek.ts';
import { identityClient } from './clients.ts';
import { config } from './config.ts';
import { callOptions } from './request.ts';

/** Why a session ended, as the login page explains it. */
export type EndReason = 'expired' | 'revoked' | 'ended';

export interface Session {
  readonly token: string;
  readonly user: {
    readonly id: string;
    readonly name: string;
    readonly domainId: string;
    readonly domainName: string;
  };
  /** The project the token is scoped to; undefined for a user without any project. */
  readonly project?: { readonly id: string; readonly name: string; readonly domainName: string };
  readonly roles: readonly string[];
  readonly isAdmin: boolean;
  readonly expiresAt: number;
  readonly auditIds: readonly string[];
}

export type SessionState =
  | { readonly state: 'none' }
  | { readonly state: 'ended'; readonly reason: EndReason }
  /** Identity did not answer: nobody can tell whether the session is good. */
  | { readonly state: 'unavailable' }
  | { readonly state: 'active'; readonly session: Session };

/** `__Host-` binds the cookie to this origin when it can be Secure (HTTPS). */
export function sessionCookieName(): string {
  return config().DASHBOARD_SECURE_COOKIES ? '__Host-tinystack-session' : 'tinystack-session';
}
/** The project last worked in, to come back to after the next login. */
const LAST_PROJECT_COOKIE = 'tinystack-last-project';

export function sessionFromInfo(token: string, info: identityV1.TokenInfo): Session {
  const roles = info.roles.map((r) => r.name);
  return {
    token,
    user: {
      id: info.userId,
      name: info.userName,
      domainId: info.userDomainId,
      domainName: info.userDomainName,
    },
    ...(info.projectId
      ? {
          project: {
            id: info.projectId,
            name: info.projectName,
            domainName: info.projectDomainName,
          },
        }
      : {}),
    roles,
    isAdmin: isAdminRoles(roles),
    expiresAt: info.expiresAt,
    auditIds: info.auditIds,
  };
}

/**
 * The session of the current request, checked once per request with identity's
 * ValidateToken (signature, expiry, revocation, and that the user and project still exist
 * and are enabled). When identity cannot be reached the state says so: the console shows
 * that, rather than pretending the user is logged out.
 */
export const getSessionState = cache(async (): Promise<SessionState> => {
  const token = (await cookies()).get(sessionCookieName())?.value;
  if (!token) {
    return { state: 'none' };
  }
  if (isExpired(token)) {
    return { state: 'ended', reason: 'expired' };
  }
  try {
    const res = await identityClient().validateToken({ token }, await callOptions(token));
    if (!res.info) {
      return { state: 'ended', reason: 'ended' };
    }
    return { state: 'active', session: sessionFromInfo(token, res.info) };
  } catch (err) {
    const { kind, detail } = errorParts(err);
    if (kind === 'unauthorized' || kind === 'not_found') {
      return {
        state: 'ended',
        reason: /revoked/i.test(detail) ? 'revoked' : /expired/i.test(detail) ? 'expired' : 'ended',
      };
    }
    return { state: 'unavailable' };
  }
});

/** The active session, or a redirect to the login page (with the reason when it ended). */
export async function requireSession(): Promise<Session> {
  const s = await getSessionState();
  if (s.state === 'none') {
    redirect('/login');
  }
  if (s.state === 'ended') {
    redirect(`/session-ended?reason=${s.reason}`);
  }
  if (s.state === 'unavailable') {
    throw new Error('Identity is not available right now, so the session cannot be checked.');
  }
  return s.session;
}

/** The active session of an admin, or a 404-like redirect to the overview for anyone else. */
export async function requireAdmin(): Promise<Session> {
  const s = await requireSession();
  if (!s.isAdmin) {
    redirect(s.project ? `/projects/${s.project.id}` : '/projects');
  }
  return s;
}

/** Stores the token (server actions and route handlers only: render cannot set cookies). */
export async function setSessionCookie(token: string, expiresAt?: number): Promise<void> {
  const exp = expiresAt ?? peekToken(token)?.expiresAt ?? Date.now() + 3_600_000;
  const jar = await cookies();
  jar.set(sessionCookieName(), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config().DASHBOARD_SECURE_COOKIES,
    path: '/',
    maxAge: Math.max(1, Math.floor((exp - Date.now()) / 1000)),
  });
}

export async function clearSessionCookie(): Promise<void> {
  // a `__Host-` cookie is only replaced by one set with the same attributes (Secure, path /)
  (await cookies()).set(sessionCookieName(), '', {
    httpOnly: true,
    sameSite: 'lax',
    secure: config().DASHBOARD_SECURE_COOKIES,
    path: '/',
    maxAge: 0,
  });
}

export async function rememberProject(projectId: string): Promise<void> {
  (await cookies()).set(LAST_PROJECT_COOKIE, projectId, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config().DASHBOARD_SECURE_COOKIES,
    path: '/',
    maxAge: 365 * 24 * 3600,
  });
}

export async function lastProject(): Promise<string | undefined> {
  return (await cookies()).get(LAST_PROJECT_COOKIE)?.value;
}
