import type { AuthContext, RevocationRule } from '@tinystack/auth';
import type { identityV1 } from '@tinystack/contracts';
import type { Named } from '../assignments/role-assignment.presenter.js';
import type { ListedAssignment } from '../assignments/role-assignments.query.js';
import type { ScopeRequest } from '../auth/auth.schemas.js';
import type { ProjectEntity } from '../projects/project.entity.js';
import type { UserEntity } from '../users/user.entity.js';

/** A proto Scope as the REST scope it stands for (empty: none, so the default project applies). */
export function scopeFromProto(s: identityV1.Scope | undefined): ScopeRequest | undefined {
  if (!s) {
    return undefined;
  }
  const domainRef = (id: string, name: string) => (id ? { id } : { name });
  if (s.projectId) {
    return { project: { id: s.projectId } };
  }
  if (s.projectName) {
    return {
      project: {
        name: s.projectName,
        domain: domainRef(s.projectDomainId, s.projectDomainName || 'Default'),
      },
    };
  }
  if (s.domainId || s.domainName) {
    return { domain: domainRef(s.domainId, s.domainName) };
  }
  return undefined;
}

export function tokenInfo(ctx: AuthContext): identityV1.TokenInfo {
  return {
    userId: ctx.userId,
    userName: ctx.userName,
    userDomainId: ctx.userDomainId,
    userDomainName: ctx.userDomainName,
    projectId: ctx.projectId ?? '',
    projectName: ctx.projectName ?? '',
    projectDomainId: ctx.projectDomainId ?? '',
    projectDomainName: ctx.projectDomainName ?? '',
    domainId: ctx.domainId ?? '',
    domainName: ctx.domainName ?? '',
    roles: ctx.roles.map((r) => ({ id: r.id, name: r.name })),
    methods: [...ctx.methods],
    auditIds: [...ctx.auditIds],
    issuedAt: ctx.issuedAt,
    expiresAt: ctx.expiresAt,
    applicationCredentialId: ctx.applicationCredentialId ?? '',
  };
}

export function protoUser(u: UserEntity): identityV1.User {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    id: u.id,
    name: u.name,
    domainId: u.domainId,
    enabled: u.enabled,
    email: str(u.extra['email']),
    description: str(u.extra['description']),
  };
}

export function protoProject(p: ProjectEntity): identityV1.Project {
  return {
    id: p.id,
    name: p.name,
    domainId: p.domainId,
    enabled: p.enabled,
    description: p.description ?? '',
  };
}

export function revocationEvent(r: RevocationRule): identityV1.WatchRevocationsResponse {
  return {
    event: {
      id: r.id,
      userId: r.userId ?? '',
      projectId: r.projectId ?? '',
      domainId: r.domainId ?? '',
      auditId: r.auditId ?? '',
      applicationCredentialId: r.applicationCredentialId ?? '',
      issuedBefore: r.issuedBefore,
      expiresAt: r.expiresAt,
    },
  };
}

/** The role's name always; the other names only `withNames` (include_names). */
export function protoAssignment(
  a: ListedAssignment,
  names: ReadonlyMap<string, Named>,
  withNames: boolean,
): identityV1.RoleAssignment {
  const name = (kind: string, id: string | undefined) =>
    withNames && id ? (names.get(`${kind}:${id}`)?.name ?? '') : '';
  return {
    roleId: a.roleId,
    roleName: names.get(`role:${a.roleId}`)?.name ?? '',
    userId: a.userId ?? '',
    groupId: a.groupId ?? '',
    projectId: a.projectId ?? '',
    domainId: a.domainId ?? '',
    userName: name('user', a.userId),
    groupName: name('group', a.groupId),
    projectName: name('project', a.projectId),
    domainName: name('domain', a.domainId),
  };
}
