import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '@tinystack/auth';
import { badRequest } from '@tinystack/errors';
import { AssignmentRevokerService } from '../assignments/assignment-revoker.service.js';
import { AssignmentsRepository } from '../assignments/assignments.repository.js';
import { DomainsRepository } from '../domains/domains.repository.js';
import { RevocationsService } from '../revocations/revocations.service.js';
import { notFoundOf, uniquely } from '../shared/errors.js';
import { splitExtra } from '../shared/extra.js';
import { newId } from '../shared/ids.js';
import {
  matchesString,
  paginate,
  type Page,
  type PageRequest,
  type StringFilter,
} from '../shared/list-filter.js';
import { requireAdmin, requireAdminOrSelf } from '../shared/policy.js';
import type { UserEntity } from '../users/user.entity.js';
import { UsersRepository } from '../users/users.repository.js';
import type { GroupEntity } from './group.entity.js';
import {
  GROUP_KNOWN_KEYS,
  type CreateGroupInput,
  type UpdateGroupInput,
} from './groups.schemas.js';
import { GroupsRepository } from './groups.repository.js';

export interface GroupFilter {
  readonly name: readonly StringFilter[];
  readonly domainId?: string | undefined;
}

@Injectable()
export class GroupsService {
  constructor(
    @Inject(GroupsRepository) private readonly groups: GroupsRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(DomainsRepository) private readonly domains: DomainsRepository,
    @Inject(AssignmentsRepository) private readonly assignments: AssignmentsRepository,
    @Inject(AssignmentRevokerService) private readonly revoker: AssignmentRevokerService,
    @Inject(RevocationsService) private readonly revocations: RevocationsService,
  ) {}

  async get(caller: AuthContext, id: string): Promise<GroupEntity> {
    requireAdmin(caller);
    return this.require(id);
  }

  async require(id: string): Promise<GroupEntity> {
    const g = await this.groups.findById(id);
    if (!g) {
      throw notFoundOf('group', id);
    }
    return g;
  }

  async list(caller: AuthContext, f: GroupFilter, page: PageRequest): Promise<Page<GroupEntity>> {
    requireAdmin(caller);
    const rows = await this.groups.list(f.domainId !== undefined ? { domainId: f.domainId } : {});
    return paginate(
      rows.filter((g) => matchesString(g.name, f.name)),
      page,
    );
  }

  async create(caller: AuthContext, input: CreateGroupInput): Promise<GroupEntity> {
    requireAdmin(caller);
    const { extra } = splitExtra(input, GROUP_KNOWN_KEYS);
    const domainId = input.domain_id ?? caller.projectDomainId ?? caller.domainId ?? 'default';
    if (!(await this.domains.findById(domainId))) {
      throw badRequest(`Could not find domain: ${domainId}.`);
    }
    const g: GroupEntity = {
      id: newId(),
      name: input.name,
      domainId,
      description: input.description ?? '',
      extra,
      createdAt: Date.now(),
    };
    await uniquely('group', `name ${g.name} at domain ID ${domainId}`, () => this.groups.insert(g));
    return g;
  }

  async update(caller: AuthContext, id: string, input: UpdateGroupInput): Promise<GroupEntity> {
    requireAdmin(caller);
    const g = await this.require(id);
    const { extra } = splitExtra(input, GROUP_KNOWN_KEYS);
    if ('domain_id' in input) {
      throw badRequest('Cannot change the domain of a group.');
    }
    const next = {
      ...g,
      name: input.name ?? g.name,
      description: input.description !== undefined ? input.description : g.description,
      extra: { ...g.extra, ...extra },
    };
    await uniquely('group', `name ${next.name} at domain ID ${next.domainId}`, () =>
      this.groups.save(next),
    );
    return next;
  }

  /** Delete a group; its members lose the roles it granted and those tokens are revoked. */
  async delete(caller: AuthContext, id: string): Promise<void> {
    requireAdmin(caller);
    await this.require(id);
    await this.groups.transaction(async (m) => {
      const removed = await this.assignments.deleteWhere(
        { types: ['GroupProject', 'GroupDomain'], actorIds: [id] },
        m,
      );
      await this.revoker.revokeFor(removed, m);
      await this.groups.delete([id], m);
    });
  }

  async members(
    caller: AuthContext,
    groupId: string,
    name: readonly StringFilter[],
  ): Promise<UserEntity[]> {
    requireAdmin(caller);
    await this.require(groupId);
    const users = await this.users.listByIds(await this.groups.memberIds([groupId]));
    return users.filter((u) => matchesString(u.name, name));
  }

  async addMember(caller: AuthContext, groupId: string, userId: string): Promise<void> {
    requireAdmin(caller);
    await this.requirePair(groupId, userId);
    await this.groups.addMember(groupId, userId);
  }

  /** HEAD: 204 when a member, 404 otherwise. */
  async checkMember(caller: AuthContext, groupId: string, userId: string): Promise<void> {
    requireAdmin(caller);
    await this.requirePair(groupId, userId);
    if (!(await this.groups.isMember(groupId, userId))) {
      throw notFoundOf('membership', `${userId} in group ${groupId}`);
    }
  }

  /** Removing a member revokes the user's tokens (they may carry roles the group granted). */
  async removeMember(caller: AuthContext, groupId: string, userId: string): Promise<void> {
    await this.checkMember(caller, groupId, userId);
    await this.groups.transaction(async (m) => {
      await this.groups.removeMember(groupId, userId, m);
      await this.revocations.revoke({ userId }, m);
    });
  }

  async groupsOfUser(caller: AuthContext, userId: string): Promise<GroupEntity[]> {
    requireAdminOrSelf(caller, userId);
    if (!(await this.users.findById(userId))) {
      throw notFoundOf('user', userId);
    }
    return this.groups.listByIds(await this.groups.groupIdsOfUser(userId));
  }

  private async requirePair(groupId: string, userId: string): Promise<void> {
    await this.require(groupId);
    if (!(await this.users.findById(userId))) {
      throw notFoundOf('user', userId);
    }
  }
}
