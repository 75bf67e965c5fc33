import { Inject, Injectable } from '@nestjs/common';
import { isUniqueViolation } from '@tinystack/db';
import { conflict } from '@tinystack/errors';
import { Brackets, DataSource, In, type Repository, type SelectQueryBuilder } from 'typeorm';
import { FlavorExtraSpecEntity } from './flavor-extra-spec.entity.js';
import { FlavorProjectEntity } from './flavor-project.entity.js';
import { FlavorEntity } from './flavor.entity.js';

/** Columns a flavor list may sort by (Nova's sort_key values, mapped onto our columns). */
export const FLAVOR_SORT_COLUMNS: Readonly<Record<string, keyof FlavorEntity>> = {
  flavorid: 'id',
  id: 'id',
  name: 'name',
  memory_mb: 'memoryMb',
  root_gb: 'rootGb',
  ephemeral_gb: 'ephemeralGb',
  vcpus: 'vcpus',
  swap: 'swap',
  rxtx_factor: 'rxtxFactor',
  is_public: 'isPublic',
  disabled: 'disabled',
  description: 'description',
  created_at: 'createdAt',
  updated_at: 'createdAt',
  vcpu_weight: 'id',
};

export interface FlavorListQuery {
  /** true: public only, false: private only, undefined: both. */
  readonly isPublic?: boolean | undefined;
  /** Non-admins also see the private flavors their project may use. */
  readonly accessProject?: string | undefined;
  readonly minRam?: number | undefined;
  readonly minDisk?: number | undefined;
  readonly sortKey: keyof FlavorEntity;
  readonly sortDir: 'ASC' | 'DESC';
  readonly limit: number;
  readonly marker?: FlavorEntity | undefined;
}

@Injectable()
export class FlavorsRepository {
  private readonly flavors: Repository<FlavorEntity>;
  private readonly specs: Repository<FlavorExtraSpecEntity>;
  private readonly access: Repository<FlavorProjectEntity>;

  constructor(@Inject(DataSource) private readonly ds: DataSource) {
    this.flavors = ds.getRepository(FlavorEntity);
    this.specs = ds.getRepository(FlavorExtraSpecEntity);
    this.access = ds.getRepository(FlavorProjectEntity);
  }

  find(id: string): Promise<FlavorEntity | null> {
    return this.flavors.findOneBy({ id });
  }

  async list(q: FlavorListQuery): Promise<FlavorEntity[]> {
    const qb = this.flavors.createQueryBuilder('f');
    this.visibility(qb, q);
    if (q.minRam !== undefined) {
      qb.andWhere('f.memory_mb >= :minRam', { minRam: q.minRam });
    }
    if (q.minDisk !== undefined) {
      qb.andWhere('f.root_gb >= :minDisk', { minDisk: q.minDisk });
    }
    const column = `f.${q.sortKey}`;
    if (q.marker) {
      const op = q.sortDir === 'ASC' ? '>' : '<';
      const value = q.marker[q.sortKey];
      qb.andWhere(
        new Brackets((b) =>
          b
            .where(`${column} ${op} :mv`, { mv: value })
            .orWhere(new Brackets((c) => c.where(`${column} = :mv`, { mv: value }).andWhere(`f.id ${op} :mid`, { mid: q.marker?.id }))),
        ),
      );
    }
    qb.orderBy(column, q.sortDir);
    if (q.sortKey !== 'id') {
      qb.addOrderBy('f.id', q.sortDir);
    }
    return qb.take(q.limit).getMany();
  }

  private visibility(qb: SelectQueryBuilder<FlavorEntity>, q: FlavorListQuery): void {
    const shared = q.accessProject
      ? 'f.id IN (SELECT a.flavor_id FROM flavor_projects a WHERE a.project_id = :project)'
      : undefined;
    if (q.isPublic === true) {
      qb.where(shared ? `(f.is_public = :pub OR ${shared})` : 'f.is_public = :pub', { pub: true, project: q.accessProject });
    } else if (q.isPublic === false) {
      qb.where(shared ? `(f.is_public = :pub AND ${shared})` : 'f.is_public = :pub', { pub: false, project: q.accessProject });
    } else if (shared) {
      qb.where(`(f.is_public = :pub OR ${shared})`, { pub: true, project: q.accessProject });
    }
  }

  /** Insert a flavor with its extra specs; a duplicate id or name is a 409 with Nova's message. */
  async create(flavor: FlavorEntity): Promise<FlavorEntity> {
    const clash = await this.flavors.findOne({ where: [{ id: flavor.id }, { name: flavor.name }] });
    if (clash) {
      throw conflict(
        clash.id === flavor.id ? `Flavor with ID ${flavor.id} already exists.` : `Flavor with name ${flavor.name} already exists.`,
      );
    }
    try {
      return await this.flavors.save(flavor);
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw conflict(`Flavor with name ${flavor.name} already exists.`);
      }
      throw err;
    }
  }

  async update(id: string, changes: Partial<FlavorEntity>): Promise<void> {
    await this.flavors.update({ id }, changes);
  }

  async delete(id: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      await m.delete(FlavorExtraSpecEntity, { flavorId: id });
      await m.delete(FlavorProjectEntity, { flavorId: id });
      await m.delete(FlavorEntity, { id });
    });
  }

  async extraSpecs(flavorId: string): Promise<Record<string, string>> {
    const rows = await this.specs.find({ where: { flavorId }, order: { key: 'ASC' } });
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  }

  /** Extra specs of many flavors at once (list views at 2.61). */
  async extraSpecsOf(flavorIds: string[]): Promise<Map<string, Record<string, string>>> {
    const out = new Map<string, Record<string, string>>(flavorIds.map((id) => [id, {}]));
    if (flavorIds.length === 0) {
      return out;
    }
    for (const r of await this.specs.find({ where: { flavorId: In(flavorIds) }, order: { key: 'ASC' } })) {
      const specs = out.get(r.flavorId);
      if (specs) {
        specs[r.key] = r.value;
      }
    }
    return out;
  }

  async upsertSpecs(flavorId: string, specs: Record<string, string>): Promise<void> {
    await this.specs.upsert(
      Object.entries(specs).map(([key, value]) => ({ flavorId, key, value })),
      ['flavorId', 'key'],
    );
  }

  /** True when the key existed. */
  async deleteSpec(flavorId: string, key: string): Promise<boolean> {
    const res = await this.specs.delete({ flavorId, key });
    return (res.affected ?? 0) > 0;
  }

  async projectsWithAccess(flavorId: string): Promise<string[]> {
    const rows = await this.access.find({ where: { flavorId }, order: { projectId: 'ASC' } });
    return rows.map((r) => r.projectId);
  }

  async hasAccess(flavorId: string, projectId: string): Promise<boolean> {
    return (await this.access.countBy({ flavorId, projectId })) > 0;
  }

  /** False when the project already had access. */
  async addAccess(flavorId: string, projectId: string): Promise<boolean> {
    try {
      await this.access.insert({ flavorId, projectId });
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) {
        return false;
      }
      throw err;
    }
  }

  /** False when the project had no access. */
  async removeAccess(flavorId: string, projectId: string): Promise<boolean> {
    const res = await this.access.delete({ flavorId, projectId });
    return (res.affected ?? 0) > 0;
  }
}
