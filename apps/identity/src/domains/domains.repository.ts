import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { ReadCache } from '../shared/read-cache.js';
import { RepositoryBase } from '../shared/repository-base.js';
import { DomainEntity } from './domain.entity.js';

@Injectable()
export class DomainsRepository extends RepositoryBase<DomainEntity> {
  constructor(@Inject(DataSource) ds: DataSource, @Inject(ReadCache) cache: ReadCache) {
    super(ds, DomainEntity, cache);
  }

  findById(id: string, m?: EntityManager): Promise<DomainEntity | null> {
    return this.repo(m).findOneBy({ id });
  }

  /** Cached (see ReadCache): for the token issue paths only; never mutate the result. */
  cachedById(id: string): Promise<DomainEntity | null> {
    return this.cache.get(`domain:${id}`, () => this.findById(id));
  }

  cachedByName(name: string): Promise<DomainEntity | null> {
    return this.cache.get(`domain-name:${name}`, () => this.findByName(name));
  }

  findByName(name: string): Promise<DomainEntity | null> {
    return this.repo().findOneBy({ name });
  }

  list(where: FindOptionsWhere<DomainEntity>): Promise<DomainEntity[]> {
    return this.repo().find({ where, order: { name: 'ASC' } });
  }

  listByIds(ids: string[]): Promise<DomainEntity[]> {
    return ids.length === 0
      ? Promise.resolve([])
      : this.repo().find({ where: ids.map((id) => ({ id })) });
  }

  async insert(d: DomainEntity, m?: EntityManager): Promise<void> {
    await this.insertRow(d, m);
  }

  async save(d: DomainEntity, m?: EntityManager): Promise<void> {
    await this.repo(m).save(d);
    this.changed();
  }

  async delete(id: string, m?: EntityManager): Promise<void> {
    await this.repo(m).delete({ id });
    this.changed();
  }
}
