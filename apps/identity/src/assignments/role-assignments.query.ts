import { Inject, Injectable } from '@nestjs/common';
import { isAdmin, type AuthContext } from '@tinystack/auth';
import { badRequest, forbidden } from '@tinystack/errors';
import { GroupsRepository } from '../groups/groups.repository.js';
import { ProjectsRepository } from '../projects/projects.repository.js';
import { expandImplied, RolesRepository } from '../roles/roles.repository.js';
import { AssignmentsRepository } from './assignments.repository.js';
import type { AssignmentType, RoleAssignmentEntity } from './role-assignment.entity.js';

/** GET /v3/role_assignments filters (Keystone's dotted query keys). */
export interface AssignmentQuery {
  readonly userId?: string | undefined;
  readonly groupId?: string | undefined;
  readonly roleId?: string | undefined;
  readonly projectId?: string | undefined;
  readonly domainId?: string | undefined;
  readonly effective: boolean;
  readonly includeNames: boolean;
  readonly includeSubtree: boolean;
  /** scope.OS-INHERIT:inherited_to was given: identity has no inherited assignments. */
  readonly inheritedOnly: boolean;
}

/** One listed assignment; `viaGroupId` / `priorRoleId` say how an effective one was derived. */
export interface ListedAssignment {
  readonly roleId: string;
  readonly userId?: string;
  readonly groupId?: string;
  readonly projectId?: string;
  readonly domainId?: string;
  readonly viaGroupId?: string;
  readonly priorRoleId?: string;
}

function toListed(r: RoleAssignmentEntity): ListedAssignment {
  const actor = r.type.startsWith('User') ? { userId: r.actorId } : { groupId: r.actorId };
  const target = r.type.endsWith('Project') ? { projectId: r.targetId } : { domainId: r.targetId };
  return { roleId: r.roleId, ...actor, ...target };
}

@Injectable()
export class RoleAssignmentsQuery {
  constructor(
    @Inject(AssignmentsRepository) private readonly assignments: AssignmentsRepository,
    @Inject(GroupsRepository) private readonly groups: GroupsRepository,
    @Inject(ProjectsRepository) private readonly projects: ProjectsRepository,
    @Inject(RolesRepository) private readonly roles: RolesRepository,
  ) {}

  async list(caller: AuthContext, q: AssignmentQuery): Promise<ListedAssignment[]> {
    this.authorize(caller, q);
    this.validate(q);
    if (q.inheritedOnly) {
      return [];
    }
    const rows = await this.assignments.list(await this.rowFilter(q));
    let listed = rows.map(toListed);
    if (q.effective) {
      listed = await this.expandImplied(await this.expandGroups(listed, q.userId));
    }
    return listed.filter(
      (a) =>
        (q.roleId === undefined || a.roleId === q.roleId) &&
        (q.userId === undefined || a.userId === q.userId) &&
        (q.groupId === undefined || a.groupId === q.groupId),
    );
  }

  /** Admin sees every assignment; anyone may list their own (user.id = themselves). */
  private authorize(caller: AuthContext, q: AssignmentQuery): void {
    if (!isAdmin(caller) && q.userId !== caller.userId) {
      throw forbidden();
    }
  }

  private validate(q: AssignmentQuery): void {
    if (q.projectId !== undefined && q.domainId !== undefined) {
      throw badRequest('Specify one of scope.project.id and scope.domain.id, not both.');
    }
    if (q.userId !== undefined && q.groupId !== undefined) {
      throw badRequest('Specify one of user.id and group.id, not both.');
    }
    if (q.effective && q.groupId !== undefined) {
      throw badRequest('Combining effective and group filter will always result in an empty list.');
    }
    if (q.includeSubtree && q.projectId === undefined) {
      throw badRequest('include_subtree requires scope.project.id.');
    }
  }

  private async rowFilter(q: AssignmentQuery) {
    const types: AssignmentType[] = [];
    const wantProject = q.domainId === undefined;
    const wantDomain = q.projectId === undefined;
    const wantUser = q.groupId === undefined;
    const wantGroup = q.userId === undefined || q.effective;
    for (const [t, ok] of [
      ['UserProject', wantUser && wantProject],
      ['GroupProject', wantGroup && wantProject],
      ['UserDomain', wantUser && wantDomain],
      ['GroupDomain', wantGroup && wantDomain],
    ] as const) {
      if (ok) {
        types.push(t);
      }
    }
    const actorIds =
      q.groupId !== undefined
        ? [q.groupId]
        : q.userId !== undefined
          ? [q.userId, ...(q.effective ? await this.groups.groupIdsOfUser(q.userId) : [])]
          : undefined;
    const targetIds =
      q.projectId !== undefined
        ? q.includeSubtree
          ? await this.subtree(q.projectId)
          : [q.projectId]
        : q.domainId !== undefined
          ? [q.domainId]
          : undefined;
    return {
      types,
      actorIds,
      targetIds,
      roleIds: !q.effective && q.roleId !== undefined ? [q.roleId] : undefined,
    };
  }

  private async subtree(projectId: string): Promise<string[]> {
    const out = [projectId];
    for (let i = 0; i < out.length && out.length < 10_000; i++) {
      const children = await this.projects.list({ parentId: out[i] });
      out.push(...children.map((c) => c.id).filter((id) => !out.includes(id)));
    }
    return out;
  }

  /** Group assignments become one assignment per member (Keystone's `membership` link). */
  private async expandGroups(
    listed: ListedAssignment[],
    onlyUser: string | undefined,
  ): Promise<ListedAssignment[]> {
    const groupIds = [...new Set(listed.flatMap((a) => (a.groupId ? [a.groupId] : [])))];
    const members = await this.groups.membersByGroup(groupIds);
    return listed.flatMap((a) => {
      if (!a.groupId) {
        return [a];
      }
      const users = (members.get(a.groupId) ?? []).filter(
        (u) => onlyUser === undefined || u === onlyUser,
      );
      const { groupId, ...rest } = a;
      return users.map((userId) => ({ ...rest, userId, viaGroupId: groupId }));
    });
  }

  /** Each role adds the roles it implies (Keystone's `prior_role` link). */
  private async expandImplied(listed: ListedAssignment[]): Promise<ListedAssignment[]> {
    const graph = await this.roles.graph();
    const out: ListedAssignment[] = [];
    const seen = new Set<string>();
    for (const a of listed) {
      for (const role of expandImplied(graph, [a.roleId])) {
        const derived = role.id === a.roleId ? a : { ...a, roleId: role.id, priorRoleId: a.roleId };
        const key = `${derived.roleId}|${derived.userId}|${derived.projectId}|${derived.domainId}|${derived.viaGroupId ?? ''}`;
        if (!seen.has(key)) {
          seen.add(key);
          out.push(derived);
        }
      }
    }
    return out;
  }
}
