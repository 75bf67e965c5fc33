import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { ReadCache } from '../shared/read-cache.js';
import { RepositoryBase } from '../shared/repository-base.js';
import { GroupEntity, GroupMembershipEntity } from './group.entity.js';

@Injectable()
export class GroupsRepository extends RepositoryBase<GroupEntity> {
  constructor(@Inject(DataSource) ds: DataSource, @Inject(ReadCache) cache: ReadCache) {
    super(ds, GroupEntity, cache);
  }

  private members(m?: EntityManager) {
    return (m ?? this.ds.manager).getRepository(GroupMembershipEntity);
  }

  findById(id: string, m?: EntityManager): Promise<GroupEntity | null> {
    return this.repo(m).findOneBy({ id });
  }

  list(where: FindOptionsWhere<GroupEntity>): Promise<GroupEntity[]> {
    return this.repo().find({ where, order: { name: 'ASC' } });
  }

  listByIds(ids: string[]): Promise<GroupEntity[]> {
    return ids.length === 0
      ? Promise.resolve([])
      : this.repo().find({ where: { id: In(ids) }, order: { name: 'ASC' } });
  }

  async insert(g: GroupEntity, m?: EntityManager): Promise<void> {
    await this.insertRow(g, m);
  }

  async save(g: GroupEntity, m?: EntityManager): Promise<void> {
    await this.repo(m).save(g);
    this.changed();
  }

  async delete(ids: string[], m?: EntityManager): Promise<void> {
    if (ids.length > 0) {
      await this.members(m).delete({ groupId: In(ids) });
      this.changed();
      await this.repo(m).delete({ id: In(ids) });
      this.changed();
    }
  }

  async groupIdsOfUser(userId: string, m?: EntityManager): Promise<string[]> {
    const rows = await this.members(m).find({ where: { userId }, select: { groupId: true } });
    return rows.map((r) => r.groupId);
  }

  async memberIds(groupIds: string[], m?: EntityManager): Promise<string[]> {
    if (groupIds.length === 0) {
      return [];
    }
    const rows = await this.members(m).find({
      where: { groupId: In(groupIds) },
      select: { userId: true },
    });
    return [...new Set(rows.map((r) => r.userId))];
  }

  /** Group ids → their member ids. */
  async membersByGroup(groupIds: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>(groupIds.map((g) => [g, []]));
    if (groupIds.length > 0) {
      for (const r of await this.members().find({ where: { groupId: In(groupIds) } })) {
        out.get(r.groupId)?.push(r.userId);
      }
    }
    return out;
  }

  async isMember(groupId: string, userId: string): Promise<boolean> {
    return (await this.members().countBy({ groupId, userId })) > 0;
  }

  async addMember(groupId: string, userId: string): Promise<void> {
    if (!(await this.isMember(groupId, userId))) {
      await this.members().insert({ groupId, userId });
      this.changed();
    }
  }

  async removeMember(groupId: string, userId: string, m?: EntityManager): Promise<boolean> {
    const res = await this.members(m).delete({ groupId, userId });
    this.changed();
    return (res.affected ?? 0) > 0;
  }

  async removeUserEverywhere(userIds: string[], m?: EntityManager): Promise<void> {
    if (userIds.length > 0) {
      await this.members(m).delete({ userId: In(userIds) });
      this.changed();
    }
  }
}
