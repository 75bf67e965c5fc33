import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { ReadCache } from '../shared/read-cache.js';
import { RepositoryBase } from '../shared/repository-base.js';
import { UserEntity } from './user.entity.js';

@Injectable()
export class UsersRepository extends RepositoryBase<UserEntity> {
  constructor(@Inject(DataSource) ds: DataSource, @Inject(ReadCache) cache: ReadCache) {
    super(ds, UserEntity, cache);
  }

  findById(id: string, m?: EntityManager): Promise<UserEntity | null> {
    return this.repo(m).findOneBy({ id });
  }

  /** Cached (see ReadCache): for the token and application credential paths, never for passwords. */
  cachedById(id: string): Promise<UserEntity | null> {
    return this.cache.get(`user:${id}`, () => this.findById(id));
  }

  findByName(domainId: string, name: string): Promise<UserEntity | null> {
    return this.repo().findOneBy({ domainId, name });
  }

  list(where: FindOptionsWhere<UserEntity>): Promise<UserEntity[]> {
    return this.repo().find({ where, order: { name: 'ASC' } });
  }

  listByIds(ids: string[]): Promise<UserEntity[]> {
    return ids.length === 0
      ? Promise.resolve([])
      : this.repo().find({ where: { id: In(ids) }, order: { name: 'ASC' } });
  }

  async insert(u: UserEntity, m?: EntityManager): Promise<void> {
    await this.insertRow(u, m);
  }

  async save(u: UserEntity, m?: EntityManager): Promise<void> {
    await this.repo(m).save(u);
    this.changed();
  }

  /** Record a failed login: the count grows by one atomically. */
  async recordFailure(id: string, at: number): Promise<void> {
    await this.repo()
      .createQueryBuilder()
      .update(UserEntity)
      .set({ failedAuthCount: () => 'failed_auth_count + 1', failedAuthAt: at })
      .where('id = :id', { id })
      .execute();
  }

  /** Lockout bookkeeping does not invalidate cached reads (the login path never uses them). */
  async clearFailures(id: string): Promise<void> {
    await this.repo().update({ id }, { failedAuthCount: 0, failedAuthAt: null });
  }

  async delete(ids: string[], m?: EntityManager): Promise<void> {
    if (ids.length > 0) {
      await this.repo(m).delete({ id: In(ids) });
      this.changed();
    }
  }
}
