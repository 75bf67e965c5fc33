import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { NameRange } from '../shared/listing.js';
import { nameRangeSql } from '../shared/name-range.query.js';
import { num, queryRows } from '../storage/raw-query.js';
import { ContainerEntity } from './container.entity.js';

const COLUMNS = 'id, account, name, meta, read_acl, write_acl, created_at, updated_at';

export interface ContainerStats {
  readonly objects: number;
  readonly bytes: number;
}

@Injectable()
export class ContainersRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  async find(account: string, name: string): Promise<ContainerEntity | null> {
    const rows = await queryRows<Record<string, unknown>>(
      this.ds,
      `SELECT ${COLUMNS} FROM containers WHERE account = ? AND name = ?`,
      [account, name],
    );
    return rows[0] ? containerOf(rows[0]) : null;
  }

  async page(account: string, range: NameRange): Promise<ContainerEntity[]> {
    const bounds = nameRangeSql(range);
    const rows = await queryRows<Record<string, unknown>>(this.ds, `SELECT ${COLUMNS} FROM containers WHERE account = ?${bounds.sql}`, [account, ...bounds.params]);
    return rows.map(containerOf);
  }

  async stats(id: string): Promise<ContainerStats> {
    return (await this.statsFor([id])).get(id) ?? { objects: 0, bytes: 0 };
  }

  /** Object count and bytes of each container (expired but unreaped objects included, as Swift). */
  async statsFor(ids: string[]): Promise<Map<string, ContainerStats>> {
    const out = new Map<string, ContainerStats>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows: Array<{ id: string; n: string | number; bytes: string | number }> = await this.ds
        .createQueryBuilder()
        .select('o.container_id', 'id')
        .addSelect('COUNT(*)', 'n')
        .addSelect('COALESCE(SUM(o.size), 0)', 'bytes')
        .from('objects', 'o')
        .where('o.container_id IN (:...chunk)', { chunk })
        .groupBy('o.container_id')
        .getRawMany();
      for (const r of rows) {
        out.set(r.id, { objects: Number(r.n), bytes: Number(r.bytes) });
      }
    }
    return out;
  }
}

function containerOf(r: Record<string, unknown>): ContainerEntity {
  return Object.assign(new ContainerEntity(), {
    id: r['id'] as string,
    account: r['account'] as string,
    name: r['name'] as string,
    meta: r['meta'] as string,
    readAcl: (r['read_acl'] as string | null) ?? null,
    writeAcl: (r['write_acl'] as string | null) ?? null,
    createdAt: num(r['created_at']),
    updatedAt: num(r['updated_at']),
  });
}
