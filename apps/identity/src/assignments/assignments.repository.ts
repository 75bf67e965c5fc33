import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { ReadCache } from '../shared/read-cache.js';
import { RepositoryBase } from '../shared/repository-base.js';
import { RoleAssignmentEntity, type AssignmentType } from './role-assignment.entity.js';

export interface AssignmentFilter {
  readonly types?: readonly AssignmentType[];
  readonly actorIds?: readonly string[];
  readonly targetIds?: readonly string[];
  readonly roleIds?: readonly string[];
}

/** An empty id list in a filter matches no row. */
function matchesNothing(f: AssignmentFilter): boolean {
  return [f.types, f.actorIds, f.targetIds, f.roleIds].some(
    (v) => v !== undefined && v.length === 0,
  );
}

@Injectable()
export class AssignmentsRepository extends RepositoryBase<RoleAssignmentEntity> {
  constructor(@Inject(DataSource) ds: DataSource, @Inject(ReadCache) cache: ReadCache) {
    super(ds, RoleAssignmentEntity, cache);
  }

  private where(f: AssignmentFilter): FindOptionsWhere<RoleAssignmentEntity> {
    const w: FindOptionsWhere<RoleAssignmentEntity> = {};
    if (f.types) {
      w.type = In([...f.types]);
    }
    if (f.actorIds) {
      w.actorId = In([...f.actorIds]);
    }
    if (f.targetIds) {
      w.targetId = In([...f.targetIds]);
    }
    if (f.roleIds) {
      w.roleId = In([...f.roleIds]);
    }
    return w;
  }

  list(f: AssignmentFilter, m?: EntityManager): Promise<RoleAssignmentEntity[]> {
    if (matchesNothing(f)) {
      return Promise.resolve([]);
    }
    return this.repo(m).find({ where: this.where(f) });
  }

  async exists(a: RoleAssignmentEntity): Promise<boolean> {
    return (await this.repo().countBy({ ...a })) > 0;
  }

  async grant(a: RoleAssignmentEntity): Promise<void> {
    if (!(await this.exists(a))) {
      await this.repo().insert(a);
      this.changed();
    }
  }

  async revoke(a: RoleAssignmentEntity, m?: EntityManager): Promise<boolean> {
    const res = await this.repo(m).delete({ ...a });
    this.changed();
    return (res.affected ?? 0) > 0;
  }

  /** Delete every assignment matching `f` (at least one field must be set); returns what was removed. */
  async deleteWhere(f: AssignmentFilter, m?: EntityManager): Promise<RoleAssignmentEntity[]> {
    if (Object.values(f).every((v) => v === undefined)) {
      throw new Error('deleteWhere needs a filter');
    }
    const rows = await this.list(f, m);
    if (rows.length > 0) {
      await this.repo(m).delete(this.where(f));
      this.changed();
    }
    return rows;
  }
}
