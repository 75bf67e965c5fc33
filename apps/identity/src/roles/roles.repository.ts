import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { ReadCache } from '../shared/read-cache.js';
import { RepositoryBase } from '../shared/repository-base.js';
import { ImpliedRoleEntity, RoleEntity } from './role.entity.js';

/** Every role and implication, read once and shared until a write (or GRAPH_TTL_MS) invalidates it. */
export interface RoleGraph {
  readonly roles: ReadonlyMap<string, RoleEntity>;
  /** prior role id → implied role ids. */
  readonly implies: ReadonlyMap<string, readonly string[]>;
}

/** Other identity instances sharing the database may change roles: re-read at least this often. */
const GRAPH_TTL_MS = 5_000;

@Injectable()
export class RolesRepository extends RepositoryBase<RoleEntity> {
  private cached: { graph: RoleGraph; at: number } | undefined;

  constructor(@Inject(DataSource) ds: DataSource, @Inject(ReadCache) cache: ReadCache) {
    super(ds, RoleEntity, cache);
  }

  private implied(m?: EntityManager) {
    return (m ?? this.ds.manager).getRepository(ImpliedRoleEntity);
  }

  async graph(): Promise<RoleGraph> {
    if (this.cached && Date.now() - this.cached.at < GRAPH_TTL_MS) {
      return this.cached.graph;
    }
    const [roles, rules] = await Promise.all([
      this.repo().find({ order: { name: 'ASC' } }),
      this.implied().find(),
    ]);
    const implies = new Map<string, string[]>();
    for (const r of rules) {
      implies.set(r.priorRoleId, [...(implies.get(r.priorRoleId) ?? []), r.impliedRoleId]);
    }
    const graph = { roles: new Map(roles.map((r) => [r.id, r])), implies };
    this.cached = { graph, at: Date.now() };
    return graph;
  }

  invalidate(): void {
    this.cached = undefined;
    this.changed();
  }

  findById(id: string, m?: EntityManager): Promise<RoleEntity | null> {
    return this.repo(m).findOneBy({ id });
  }

  listAll(): Promise<RoleEntity[]> {
    return this.repo().find({ order: { name: 'ASC' } });
  }

  async insert(r: RoleEntity, m?: EntityManager): Promise<void> {
    await this.insertRow(r, m);
    this.invalidate();
  }

  async save(r: RoleEntity, m?: EntityManager): Promise<void> {
    await this.repo(m).save(r);
    this.changed();
    this.invalidate();
  }

  async delete(ids: string[], m?: EntityManager): Promise<void> {
    if (ids.length > 0) {
      await this.implied(m).delete({ priorRoleId: In(ids) });
      this.changed();
      await this.implied(m).delete({ impliedRoleId: In(ids) });
      this.changed();
      await this.repo(m).delete({ id: In(ids) });
      this.changed();
    }
    this.invalidate();
  }

  async addImplication(priorRoleId: string, impliedRoleId: string): Promise<void> {
    if ((await this.implied().countBy({ priorRoleId, impliedRoleId })) === 0) {
      await this.implied().insert({ priorRoleId, impliedRoleId });
      this.changed();
    }
    this.invalidate();
  }

  async removeImplication(priorRoleId: string, impliedRoleId: string): Promise<boolean> {
    const res = await this.implied().delete({ priorRoleId, impliedRoleId });
    this.changed();
    this.invalidate();
    return (res.affected ?? 0) > 0;
  }
}

/** `roleIds` plus every role they imply, transitively (cycles are harmless). */
export function expandImplied(graph: RoleGraph, roleIds: Iterable<string>): RoleEntity[] {
  const seen = new Set<string>();
  const queue = [...roleIds];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (seen.has(id) || !graph.roles.has(id)) {
      continue;
    }
    seen.add(id);
    queue.push(...(graph.implies.get(id) ?? []));
  }
  return [...seen]
    .map((id) => graph.roles.get(id) as RoleEntity)
    .sort((a, b) => a.name.localeCompare(b.name));
}
