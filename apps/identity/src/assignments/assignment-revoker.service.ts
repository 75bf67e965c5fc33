import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { GroupsRepository } from '../groups/groups.repository.js';
import { RevocationsService, type RevocationMatch } from '../revocations/revocations.service.js';
import { RolesRepository } from '../roles/roles.repository.js';
import { AssignmentsRepository } from './assignments.repository.js';
import type { RoleAssignmentEntity } from './role-assignment.entity.js';

/**
 * Revokes the tokens that relied on role assignments that are going away: for each
 * (user, project) or (user, domain) pair, group grants expanded to the group's members.
 */
@Injectable()
export class AssignmentRevokerService {
  constructor(
    @Inject(RevocationsService) private readonly revocations: RevocationsService,
    @Inject(GroupsRepository) private readonly groups: GroupsRepository,
    @Inject(AssignmentsRepository) private readonly assignments: AssignmentsRepository,
    @Inject(RolesRepository) private readonly roles: RolesRepository,
  ) {}

  async revokeFor(rows: readonly RoleAssignmentEntity[], m?: EntityManager): Promise<void> {
    const seen = new Set<string>();
    const members = await this.groups.membersByGroup([
      ...new Set(rows.filter((r) => r.type.startsWith('Group')).map((r) => r.actorId)),
    ]);
    for (const r of rows) {
      const users = r.type.startsWith('Group') ? (members.get(r.actorId) ?? []) : [r.actorId];
      for (const userId of users) {
        const match: RevocationMatch = r.type.endsWith('Project')
          ? { userId, projectId: r.targetId }
          : { userId, domainId: r.targetId };
        const key = JSON.stringify(match);
        if (!seen.has(key)) {
          seen.add(key);
          await this.revocations.revoke(match, m);
        }
      }
    }
  }

  /** Tokens carrying `roleId` through any assignment (directly or by implication). */
  async revokeForRole(roleId: string, m?: EntityManager): Promise<void> {
    const graph = await this.roles.graph();
    const priors = new Set([roleId]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const [prior, implied] of graph.implies) {
        if (!priors.has(prior) && implied.some((i) => priors.has(i))) {
          priors.add(prior);
          grew = true;
        }
      }
    }
    await this.revokeFor(await this.assignments.list({ roleIds: [...priors] }, m), m);
  }
}
