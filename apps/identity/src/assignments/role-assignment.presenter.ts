import { Inject, Injectable } from '@nestjs/common';
import { DomainsRepository } from '../domains/domains.repository.js';
import { GroupsRepository } from '../groups/groups.repository.js';
import { ProjectsRepository } from '../projects/projects.repository.js';
import { GLOBAL_ROLE_DOMAIN } from '../roles/role.entity.js';
import { RolesRepository } from '../roles/roles.repository.js';
import { UsersRepository } from '../users/users.repository.js';
import type { ListedAssignment } from './role-assignments.query.js';

type Json = Record<string, unknown>;
export type Named = { id: string; name: string; domainId?: string };

/** Renders role assignments as Keystone does, with names when include_names is set. */
@Injectable()
export class RoleAssignmentPresenter {
  constructor(
    @Inject(RolesRepository) private readonly roles: RolesRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(GroupsRepository) private readonly groups: GroupsRepository,
    @Inject(ProjectsRepository) private readonly projects: ProjectsRepository,
    @Inject(DomainsRepository) private readonly domains: DomainsRepository,
  ) {}

  async render(
    listed: readonly ListedAssignment[],
    base: string,
    includeNames: boolean,
  ): Promise<Json[]> {
    const names = includeNames ? await this.names(listed) : undefined;
    return listed.map((a) => this.one(a, base, names));
  }

  private one(a: ListedAssignment, base: string, names: Map<string, Named> | undefined): Json {
    const ref = (id: string, kind: string): Json => {
      const n = names?.get(`${kind}:${id}`);
      if (!n) {
        return { id };
      }
      const domain = n.domainId ? names?.get(`domain:${n.domainId}`) : undefined;
      return {
        id,
        name: n.name,
        ...(domain ? { domain: { id: domain.id, name: domain.name } } : {}),
      };
    };
    const actor = a.userId
      ? { user: ref(a.userId, 'user') }
      : { group: ref(a.groupId as string, 'group') };
    const scope = a.projectId
      ? { project: ref(a.projectId, 'project') }
      : { domain: ref(a.domainId as string, 'domain') };
    const target = a.projectId ? `projects/${a.projectId}` : `domains/${a.domainId}`;
    const actorPath = a.viaGroupId
      ? `groups/${a.viaGroupId}`
      : a.userId
        ? `users/${a.userId}`
        : `groups/${a.groupId}`;
    const links: Json = {
      assignment: `${base}/${target}/${actorPath}/roles/${a.priorRoleId ?? a.roleId}`,
    };
    if (a.viaGroupId) {
      links['membership'] = `${base}/groups/${a.viaGroupId}/users/${a.userId}`;
    }
    if (a.priorRoleId) {
      links['prior_role'] = `${base}/roles/${a.priorRoleId}`;
    }
    return { role: ref(a.roleId, 'role'), ...actor, scope, links };
  }

  /**
   * Names of everything the assignments mention, keyed `<kind>:<id>` (role, user, group,
   * project, domain); for include_names, on REST and gRPC. `rolesOnly`: role names alone
   * (no database query: the role graph is cached).
   */
  async names(listed: readonly ListedAssignment[], rolesOnly = false): Promise<Map<string, Named>> {
    const ids = (pick: (a: ListedAssignment) => string | undefined) => [
      ...new Set(listed.flatMap((a) => pick(a) ?? [])),
    ];
    const out = new Map<string, Named>();
    const graph = await this.roles.graph();
    for (const id of ids((a) => a.roleId)) {
      const r = graph.roles.get(id);
      if (r) {
        out.set(`role:${id}`, {
          id,
          name: r.name,
          ...(r.domainId !== GLOBAL_ROLE_DOMAIN ? { domainId: r.domainId } : {}),
        });
      }
    }
    if (rolesOnly) {
      return out;
    }
    const [users, groups, projects] = await Promise.all([
      this.users.listByIds(ids((a) => a.userId)),
      this.groups.listByIds(ids((a) => a.groupId)),
      this.projects.listByIds(ids((a) => a.projectId)),
    ]);
    users.forEach((u) => out.set(`user:${u.id}`, u));
    groups.forEach((g) => out.set(`group:${g.id}`, g));
    projects.forEach((p) => out.set(`project:${p.id}`, p));
    const domainIds = new Set([
      ...ids((a) => a.domainId),
      ...[...out.values()].flatMap((n) => n.domainId ?? []),
    ]);
    for (const d of await this.domains.listByIds([...domainIds])) {
      out.set(`domain:${d.id}`, d);
    }
    return out;
  }
}
