import { Inject, Injectable } from '@nestjs/common';
import { Brackets, DataSource, type EntityManager } from 'typeorm';
import type { NameRange } from '../shared/listing.js';
import { applyNameRange } from '../shared/name-range.query.js';
import { num, numOrNull, queryRows } from '../storage/raw-query.js';
import { ObjectEntity, type ObjectKind } from './object.entity.js';

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Object rows. Reads hide expired objects at once; the expirer removes them later. */
@Injectable()
export class ObjectsRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  async find(containerId: string, name: string): Promise<ObjectEntity | null> {
    const rows = await queryRows<Record<string, unknown>>(
      this.ds,
      'SELECT container_id, name, kind, blob_key, size, etag, content_type, timestamp, meta, headers, delete_at, manifest FROM objects WHERE container_id = ? AND name = ?',
      [containerId, name],
    );
    const row = rows[0] ? objectOf(rows[0]) : null;
    return row && isLive(row) ? row : null;
  }

  page(containerId: string, range: NameRange): Promise<ObjectEntity[]> {
    const qb = this.ds
      .getRepository(ObjectEntity)
      .createQueryBuilder('o')
      .where('o.container_id = :containerId', { containerId })
      .andWhere(new Brackets((w) => w.where('o.delete_at IS NULL').orWhere('o.delete_at > :now', { now: nowSeconds() })));
    return applyNameRange(qb, 'o', range).getMany();
  }

  /** Inside a write batch: the current row (expired or not) for an overwrite or delete. */
  current(em: EntityManager, containerId: string, name: string): Promise<ObjectEntity | null> {
    return em.getRepository(ObjectEntity).findOneBy({ containerId, name });
  }

  async hasAny(containerId: string): Promise<boolean> {
    const row = await this.ds.getRepository(ObjectEntity).findOne({ where: { containerId }, select: { name: true } });
    return row !== null;
  }

  /** Expired objects, oldest first, for the expirer. */
  expired(limit: number): Promise<ObjectEntity[]> {
    return this.ds
      .getRepository(ObjectEntity)
      .createQueryBuilder('o')
      .where('o.delete_at IS NOT NULL AND o.delete_at <= :now', { now: nowSeconds() })
      .orderBy('o.delete_at', 'ASC')
      .limit(limit)
      .getMany();
  }
}

export function isLive(row: ObjectEntity): boolean {
  return row.deleteAt === null || row.deleteAt > nowSeconds();
}

function objectOf(r: Record<string, unknown>): ObjectEntity {
  return Object.assign(new ObjectEntity(), {
    containerId: r['container_id'] as string,
    name: r['name'] as string,
    kind: r['kind'] as ObjectKind,
    blobKey: (r['blob_key'] as string | null) ?? null,
    size: num(r['size']),
    etag: r['etag'] as string,
    contentType: r['content_type'] as string,
    timestamp: num(r['timestamp']),
    meta: r['meta'] as string,
    headers: r['headers'] as string,
    deleteAt: numOrNull(r['delete_at']),
    manifest: (r['manifest'] as string | null) ?? null,
  });
}
