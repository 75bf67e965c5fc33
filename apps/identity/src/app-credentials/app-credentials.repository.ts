import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { ReadCache } from '../shared/read-cache.js';
import { RepositoryBase } from '../shared/repository-base.js';
import { ApplicationCredentialEntity } from './application-credential.entity.js';

@Injectable()
export class AppCredentialsRepository extends RepositoryBase<ApplicationCredentialEntity> {
  constructor(@Inject(DataSource) ds: DataSource, @Inject(ReadCache) cache: ReadCache) {
    super(ds, ApplicationCredentialEntity, cache);
  }

  findById(id: string): Promise<ApplicationCredentialEntity | null> {
    return this.repo().findOneBy({ id });
  }

  findByName(userId: string, name: string): Promise<ApplicationCredentialEntity | null> {
    return this.repo().findOneBy({ userId, name });
  }

  listForUser(userId: string): Promise<ApplicationCredentialEntity[]> {
    return this.repo().find({ where: { userId }, order: { name: 'ASC' } });
  }

  async insert(c: ApplicationCredentialEntity): Promise<void> {
    await this.repo().insert(c);
    this.changed();
  }

  /** Delete credentials by id, user or project; returns the ids removed. */
  async deleteWhere(
    f: {
      ids?: string[];
      userIds?: string[];
      projectIds?: string[];
      userId?: string;
      projectId?: string;
    },
    m?: EntityManager,
  ): Promise<string[]> {
    const where = {
      ...(f.ids ? { id: In(f.ids) } : {}),
      ...(f.userIds ? { userId: In(f.userIds) } : {}),
      ...(f.projectIds ? { projectId: In(f.projectIds) } : {}),
      ...(f.userId ? { userId: f.userId } : {}),
      ...(f.projectId ? { projectId: f.projectId } : {}),
    };
    if (Object.keys(where).length === 0) {
      return [];
    }
    const rows = await this.repo(m).find({ where, select: { id: true } });
    if (rows.length > 0) {
      await this.repo(m).delete({ id: In(rows.map((r) => r.id)) });
      this.changed();
    }
    return rows.map((r) => r.id);
  }
}
