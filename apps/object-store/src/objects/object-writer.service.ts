import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { BlobRejected, freshBlobKey, type BlobStore, type PutOptions } from '@tinystack/blob-store';
import { loggerFor } from '@tinystack/logging';
import type { ContainerEntity } from '../containers/container.entity.js';
import { BLOB_STORE } from '../storage/blob-store.token.js';
import { WriteBatcher } from '../storage/write-batcher.js';
import { notFound, preconditionFailed, swiftError, swiftMessage } from '../shared/swift-errors.js';
import { nowTimestampMs } from '../shared/swift-time.js';
import type { Meta } from '../shared/metadata.js';
import { ObjectEntity, type ObjectKind } from './object.entity.js';
import { isLive } from './objects.repository.js';
import { numOrNull, queryRows } from '../storage/raw-query.js';

const UPSERT_COLUMNS = ['containerId', 'name', 'kind', 'blobKey', 'size', 'etag', 'contentType', 'timestamp', 'meta', 'headers', 'deleteAt', 'manifest'] as const;
const UPSERT =
  'INSERT INTO objects (container_id, name, kind, blob_key, size, etag, content_type, timestamp, meta, headers, delete_at, manifest) ' +
  'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (container_id, name) DO UPDATE SET kind = excluded.kind, ' +
  'blob_key = excluded.blob_key, size = excluded.size, etag = excluded.etag, content_type = excluded.content_type, ' +
  'timestamp = excluded.timestamp, meta = excluded.meta, headers = excluded.headers, delete_at = excluded.delete_at, manifest = excluded.manifest';

/** The row an object write commits. */
export interface NewObject {
  readonly name: string;
  readonly kind: ObjectKind;
  readonly blobKey: string | null;
  readonly size: number;
  readonly etag: string;
  readonly contentType: string;
  readonly meta: Meta;
  readonly stored: Record<string, string>;
  readonly deleteAt: number | null;
  readonly manifest: string | null;
}

export interface StoredBlob {
  readonly blobKey: string;
  readonly etag: string;
  readonly size: number;
}

/**
 * The one path by which objects change, for REST, gRPC, bulk delete and the expirer.
 * Durability order: the bytes go to a fresh blob key and are durable (fsynced) before
 * the row pointing at them commits (group commit, durable); only then is the replaced
 * blob deleted. A failure before the commit deletes the new blob, so a crash at any
 * point leaves either the old object or the new one.
 */
@Injectable()
export class ObjectWriter {
  private readonly log = loggerFor('ObjectWriter');

  constructor(
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(WriteBatcher) private readonly writes: WriteBatcher,
  ) {}

  async storeBlob(body: Readable, opts: PutOptions & { quotaExceeded?: boolean }): Promise<StoredBlob> {
    // Keys made in the same second share a directory (and its fsync) in FsBlobStore.
    const blobKey = freshBlobKey('o/');
    try {
      const { etag, size } = await this.blobs.put(blobKey, body, opts);
      return { blobKey, etag, size };
    } catch (err) {
      if (err instanceof BlobRejected) {
        throw err.reason === 'too_large'
          ? swiftMessage('payload_too_large', opts.quotaExceeded ? 'Upload exceeds quota.' : 'Your request is too large.')
          : swiftError('unprocessable');
      }
      throw err;
    }
  }

  /** Commits `obj` into `container`; `ifNoneMatch` refuses (412) when a live object exists. */
  async commit(container: ContainerEntity, obj: NewObject, ifNoneMatch = false): Promise<ObjectEntity> {
    let replaced: ObjectEntity | null;
    let row: ObjectEntity;
    try {
      [row, replaced] = await this.writes.run(async (em) => {
        if ((await queryRows(em, 'SELECT id FROM containers WHERE id = ?', [container.id])).length === 0) {
          throw notFound();
        }
        const found = await queryRows<{ blob_key: string | null; delete_at: unknown }>(
          em,
          'SELECT blob_key, delete_at FROM objects WHERE container_id = ? AND name = ?',
          [container.id, obj.name],
        );
        const old = found[0] ? Object.assign(new ObjectEntity(), { blobKey: found[0].blob_key, deleteAt: numOrNull(found[0].delete_at) }) : null;
        if (ifNoneMatch && old && isLive(old)) {
          throw preconditionFailed();
        }
        const next = Object.assign(new ObjectEntity(), toRow(container.id, obj));
        await queryRows(em, UPSERT, UPSERT_COLUMNS.map((c) => next[c]));
        return [next, old] as const;
      });
    } catch (err) {
      this.discard(obj.blobKey);
      throw err;
    }
    if (replaced?.blobKey && replaced.blobKey !== obj.blobKey) {
      this.discard(replaced.blobKey);
    }
    return row;
  }

  /** Updates metadata in place (object POST): the bytes stay. */
  async update(container: ContainerEntity, name: string, patch: Partial<Pick<ObjectEntity, 'meta' | 'headers' | 'contentType' | 'deleteAt'>>): Promise<void> {
    await this.writes.run(async (em) => {
      const repo = em.getRepository(ObjectEntity);
      const row = await repo.findOneBy({ containerId: container.id, name });
      if (!row || !isLive(row)) {
        throw notFound();
      }
      await repo.update({ containerId: container.id, name }, patch);
    });
  }

  /** Deletes a live object; 404 when there is none. Returns the removed row. */
  async remove(container: ContainerEntity, name: string): Promise<ObjectEntity> {
    const row = await this.writes.run(async (em) => {
      const repo = em.getRepository(ObjectEntity);
      const old = await repo.findOneBy({ containerId: container.id, name });
      if (!old || !isLive(old)) {
        throw notFound();
      }
      await repo.delete({ containerId: container.id, name });
      return old;
    });
    this.discard(row.blobKey);
    return row;
  }

  /** Expirer: removes an expired row unless it was rewritten meanwhile. */
  async reap(expired: ObjectEntity): Promise<boolean> {
    const removed = await this.writes.run(async (em) => {
      const res = await em
        .getRepository(ObjectEntity)
        .delete({ containerId: expired.containerId, name: expired.name, timestamp: expired.timestamp });
      return (res.affected ?? 0) > 0;
    });
    if (removed) {
      this.discard(expired.blobKey);
    }
    return removed;
  }

  private discard(blobKey: string | null): void {
    if (blobKey) {
      this.blobs.delete(blobKey).catch((err: unknown) => this.log.warn({ err, blobKey }, 'could not delete blob'));
    }
  }
}

function toRow(containerId: string, o: NewObject): ObjectEntity {
  return Object.assign(new ObjectEntity(), {
    containerId,
    name: o.name,
    kind: o.kind,
    blobKey: o.blobKey,
    size: o.size,
    etag: o.etag,
    contentType: o.contentType,
    timestamp: nowTimestampMs(),
    meta: JSON.stringify(o.meta),
    headers: JSON.stringify(o.stored),
    deleteAt: o.deleteAt,
    manifest: o.manifest,
  });
}
