import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '@tinystack/auth';
import { DomainsRepository } from '../domains/domains.repository.js';
import { GroupsRepository } from '../groups/groups.repository.js';
import { ProjectsRepository } from '../projects/projects.repository.js';
import type { RoleEntity } from '../roles/role.entity.js';
import { RolesRepository } from '../roles/roles.repository.js';
import { notFoundOf } from '../shared/errors.js';
import { requireAdmin, requireAdminOrSelf } from '../shared/policy.js';
import { UsersRepository } from '../users/users.repository.js';
import { AssignmentRevokerService } from './assignment-revoker.service.js';
import { AssignmentsRepository } from './assignments.repository.js';
import type { AssignmentType, RoleAssignmentEntity } from './role-assignment.entity.js';

/** A grant addressed by URL: /v3/{projects|domains}/{target}/{users|groups}/{actor}/roles/{role}. */
export interface GrantRef {
  readonly targetKind: 'project' | 'domain';
  readonly targetId: string;
  readonly actorKind: 'user' | 'group';
  readonly actorId: string;
}

function typeOf(ref: GrantRef): AssignmentType {
  return `${ref.actorKind === 'user' ? 'User' : 'Group'}${ref.targetKind === 'project' ? 'Project' : 'Domain'}`;
}

/** Granting, checking and revoking roles on projects and domains (admin only, as Keystone). */
@Injectable()
export class AssignmentsService {
  constructor(
    @Inject(AssignmentsRepository) private readonly assignments: AssignmentsRepository,
    @Inject(ProjectsRepository) private readonly projects: ProjectsRepository,
    @Inject(DomainsRepository) private readonly domains: DomainsRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(GroupsRepository) private readonly groups: GroupsRepository,
    @Inject(RolesRepository) private readonly roles: RolesRepository,
    @Inject(AssignmentRevokerService) private readonly revoker: AssignmentRevokerService,
  ) {}

  async grant(caller: AuthContext, ref: GrantRef, roleId: string): Promise<void> {
    requireAdmin(caller);
    await this.assignments.grant(await this.resolve(ref, roleId));
  }

  /** HEAD: 204 when granted (directly), 404 otherwise. */
  async check(caller: AuthContext, ref: GrantRef, roleId: string): Promise<void> {
    requireAdmin(caller);
    const a = await this.resolve(ref, roleId);
    if (!(await this.assignments.exists(a))) {
      throw notFoundOf(
        'role assignment',
        `${roleId} for ${ref.actorKind} ${ref.actorId} on ${ref.targetKind} ${ref.targetId}`,
      );
    }
  }

  /** Revoke a grant; tokens of the affected users on that target are revoked with it. */
  async revoke(caller: AuthContext, ref: GrantRef, roleId: string): Promise<void> {
    await this.check(caller, ref, roleId);
    const a = await this.resolve(ref, roleId);
    await this.assignments.transaction(async (m) => {
      await this.assignments.revoke(a, m);
      await this.revoker.revokeFor([a], m);
    });
  }

  /** Roles granted directly on the target (GET .../roles): admin, or a user asking about itself. */
  async rolesOf(caller: AuthContext, ref: GrantRef): Promise<RoleEntity[]> {
    if (ref.actorKind === 'user') {
      requireAdminOrSelf(caller, ref.actorId);
    } else {
      requireAdmin(caller);
    }
    await this.requireTarget(ref);
    await this.requireActor(ref);
    const rows = await this.assignments.list({
      types: [typeOf(ref)],
      actorIds: [ref.actorId],
      targetIds: [ref.targetId],
    });
    const graph = await this.roles.graph();
    return rows
      .flatMap((r) => graph.roles.get(r.roleId) ?? [])
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  private async resolve(ref: GrantRef, roleId: string): Promise<RoleAssignmentEntity> {
    await this.requireTarget(ref);
    await this.requireActor(ref);
    if (!(await this.roles.findById(roleId))) {
      throw notFoundOf('role', roleId);
    }
    return { type: typeOf(ref), actorId: ref.actorId, targetId: ref.targetId, roleId };
  }

  private async requireTarget(ref: GrantRef): Promise<void> {
    const found =
      ref.targetKind === 'project'
        ? await this.projects.findById(ref.targetId)
        : await this.domains.findById(ref.targetId);
    if (!found) {
      throw notFoundOf(ref.targetKind, ref.targetId);
    }
  }

  private async requireActor(ref: GrantRef): Promise<void> {
    const found =
      ref.actorKind === 'user'
        ? await this.users.findById(ref.actorId)
        : await this.groups.findById(ref.actorId);
    if (!found) {
      throw notFoundOf(ref.actorKind, ref.actorId);
    }
  }
}
