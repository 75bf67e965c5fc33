import { Inject, Injectable } from '@nestjs/common';
import { GroupsRepository } from '../groups/groups.repository.js';
import type { RoleEntity } from '../roles/role.entity.js';
import { ReadCache } from '../shared/read-cache.js';
import { expandImplied, RolesRepository } from '../roles/roles.repository.js';
import { AssignmentsRepository } from './assignments.repository.js';

export type Target = { readonly projectId: string } | { readonly domainId: string };

/**
 * A user's effective roles: granted directly or through a group, plus every role those
 * imply. This is what tokens carry and what scoping checks.
 */
@Injectable()
export class EffectiveRolesService {
  constructor(
    @Inject(AssignmentsRepository) private readonly assignments: AssignmentsRepository,
    @Inject(GroupsRepository) private readonly groups: GroupsRepository,
    @Inject(RolesRepository) private readonly roles: RolesRepository,
    @Inject(ReadCache) private readonly cache: ReadCache,
  ) {}

  /** Cached (see ReadCache); the result is shared, never mutate it. */
  rolesOn(userId: string, target: Target): Promise<RoleEntity[]> {
    const key =
      'projectId' in target
        ? `roles:${userId}:p:${target.projectId}`
        : `roles:${userId}:d:${target.domainId}`;
    return this.cache.get(key, () => this.loadRolesOn(userId, target));
  }

  private async loadRolesOn(userId: string, target: Target): Promise<RoleEntity[]> {
    const groupIds = await this.groups.groupIdsOfUser(userId);
    const isProject = 'projectId' in target;
    const rows = await this.assignments.list({
      types: isProject ? ['UserProject', 'GroupProject'] : ['UserDomain', 'GroupDomain'],
      actorIds: [userId, ...groupIds],
      targetIds: [isProject ? target.projectId : target.domainId],
    });
    const direct = rows
      .filter((r) =>
        r.type.startsWith('User') ? r.actorId === userId : groupIds.includes(r.actorId),
      )
      .map((r) => r.roleId);
    return expandImplied(await this.roles.graph(), direct);
  }

  /** Ids of the projects (or domains) the user holds any role on. */
  async targetsOf(userId: string, kind: 'project' | 'domain'): Promise<string[]> {
    const groupIds = await this.groups.groupIdsOfUser(userId);
    const rows = await this.assignments.list({
      types: kind === 'project' ? ['UserProject', 'GroupProject'] : ['UserDomain', 'GroupDomain'],
      actorIds: [userId, ...groupIds],
    });
    return [
      ...new Set(
        rows
          .filter((r) =>
            r.type.startsWith('User') ? r.actorId === userId : groupIds.includes(r.actorId),
          )
          .map((r) => r.targetId),
      ),
    ];
  }
}
