import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ContainersRepository } from '../containers/containers.repository.js';
import type { ObjectEntity } from '../objects/object.entity.js';
import { ObjectsRepository } from '../objects/objects.repository.js';
import { LISTING_LIMIT } from '../shared/listing.js';
import { swiftError } from '../shared/swift-errors.js';
import { segmentRange, splitSegmentPath, type SloSegment } from './slo-manifest.js';
import type { Segment } from './segments.js';

/** What a GET of an object serves: its bytes as blob segments, and the ETag header. */
export interface ObjectContent {
  readonly segments: Segment[];
  readonly size: number;
  /** The ETag header value: the MD5 for plain objects, quoted for large objects. */
  readonly etagHeader: string;
  /** The ETag compared by If-Match / If-None-Match (unquoted). */
  readonly etag: string;
}

/**
 * Resolves an object to the bytes it serves: a plain object's blob, an SLO's segments
 * (looked up by name; a segment changed since the manifest was written is a 409, as Swift
 * answers), or a DLO's segments (the objects under its prefix, in name order).
 */
@Injectable()
export class ContentResolver {
  constructor(
    @Inject(ContainersRepository) private readonly containers: ContainersRepository,
    @Inject(ObjectsRepository) private readonly objects: ObjectsRepository,
  ) {}

  async resolve(account: string, row: ObjectEntity): Promise<ObjectContent> {
    if (row.kind === 'slo') {
      return this.slo(account, row);
    }
    if (row.kind === 'dlo') {
      return this.dlo(account, row.manifest ?? '');
    }
    const segments = row.size > 0 && row.blobKey ? [{ blobKey: row.blobKey, start: 0, end: row.size - 1, whole: true }] : [];
    return { segments, size: row.size, etag: row.etag, etagHeader: row.etag };
  }

  private async slo(account: string, row: ObjectEntity): Promise<ObjectContent> {
    const manifest = JSON.parse(row.manifest ?? '[]') as SloSegment[];
    const segments: Segment[] = [];
    for (const seg of manifest) {
      const path = splitSegmentPath(seg.name);
      const container = path ? await this.containers.find(account, path.container) : null;
      const obj = container && path ? await this.objects.find(container.id, path.object) : null;
      if (!obj || obj.etag !== seg.hash || obj.kind !== 'plain' || !obj.blobKey) {
        throw swiftError('conflict');
      }
      const r = seg.range ? segmentRange(seg.range, obj.size) : { start: 0, end: obj.size - 1 };
      if (!r) {
        throw swiftError('conflict');
      }
      segments.push({ blobKey: obj.blobKey, start: r.start, end: r.end });
    }
    return { segments, size: row.size, etag: row.etag, etagHeader: `"${row.etag}"` };
  }

  private async dlo(account: string, manifest: string): Promise<ObjectContent> {
    const i = manifest.indexOf('/');
    const container = await this.containers.find(account, manifest.slice(0, i));
    const prefix = manifest.slice(i + 1);
    const segments: Segment[] = [];
    const etags = createHash('md5');
    let size = 0;
    let after: string | undefined;
    while (container) {
      const page = await this.objects.page(container.id, { prefix, after, reverse: false, limit: LISTING_LIMIT });
      for (const o of page) {
        etags.update(o.etag);
        if (o.kind === 'plain' && o.blobKey && o.size > 0) {
          segments.push({ blobKey: o.blobKey, start: 0, end: o.size - 1 });
          size += o.size;
        }
      }
      if (page.length < LISTING_LIMIT) {
        break;
      }
      after = page[page.length - 1]?.name;
    }
    const etag = etags.digest('hex');
    return { segments, size, etag, etagHeader: `"${etag}"` };
  }
}
