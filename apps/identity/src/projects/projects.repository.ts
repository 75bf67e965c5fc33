import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { ReadCache } from '../shared/read-cache.js';
import { RepositoryBase } from '../shared/repository-base.js';
import { ProjectEntity } from './project.entity.js';

@Injectable()
export class ProjectsRepository extends RepositoryBase<ProjectEntity> {
  constructor(@Inject(DataSource) ds: DataSource, @Inject(ReadCache) cache: ReadCache) {
    super(ds, ProjectEntity, cache);
  }

  findById(id: string, m?: EntityManager): Promise<ProjectEntity | null> {
    return this.repo(m).findOneBy({ id });
  }

  /** Cached (see ReadCache): for the token issue paths only; never mutate the result. */
  cachedById(id: string): Promise<ProjectEntity | null> {
    return this.cache.get(`project:${id}`, () => this.findById(id));
  }

  cachedByName(domainId: string, name: string): Promise<ProjectEntity | null> {
    return this.cache.get(`project-name:${domainId}:${name}`, () =>
      this.findByName(domainId, name),
    );
  }

  findByName(domainId: string, name: string): Promise<ProjectEntity | null> {
    return this.repo().findOneBy({ domainId, name });
  }

  list(where: FindOptionsWhere<ProjectEntity>): Promise<ProjectEntity[]> {
    return this.repo().find({ where, order: { name: 'ASC' } });
  }

  listByIds(ids: string[]): Promise<ProjectEntity[]> {
    return ids.length === 0
      ? Promise.resolve([])
      : this.repo().find({ where: { id: In(ids) }, order: { name: 'ASC' } });
  }

  countChildren(id: string, m?: EntityManager): Promise<number> {
    return this.repo(m).countBy({ parentId: id });
  }

  async insert(p: ProjectEntity, m?: EntityManager): Promise<void> {
    await this.insertRow(p, m);
  }

  async save(p: ProjectEntity, m?: EntityManager): Promise<void> {
    await this.repo(m).save(p);
    this.changed();
  }

  async delete(ids: string[], m?: EntityManager): Promise<void> {
    if (ids.length > 0) {
      await this.repo(m).delete({ id: In(ids) });
      this.changed();
    }
  }
}
