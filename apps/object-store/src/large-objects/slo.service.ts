import { Inject, Injectable } from '@nestjs/common';
import { isDomainError } from '@tinystack/errors';
import { bulkReply, emptyBulkResult } from '../bulk/bulk-result.js';
import type { ContainerEntity } from '../containers/container.entity.js';
import { ContainersRepository } from '../containers/containers.repository.js';
import type { ObjectEntity } from '../objects/object.entity.js';
import { ObjectWriter } from '../objects/object-writer.service.js';
import { ObjectsRepository } from '../objects/objects.repository.js';
import { detectContentType, type PutSpec } from '../objects/put-spec.js';
import { readSmallBody } from '../shared/read-body.js';
import { badRequest } from '../shared/swift-errors.js';
import { jsonReply, type SwiftReply } from '../shared/swift-reply.js';
import type { SwiftRequest } from '../shared/swift-request.js';
import { httpTitleOf } from '@tinystack/errors';
import { lastModifiedHeader, listingDate } from '../shared/swift-time.js';
import { parseSloPut, segmentRange, sloEtag, splitSegmentPath, SLO_LIMITS, type SloPutSegment, type SloSegment } from './slo-manifest.js';

/**
 * Static large objects: `?multipart-manifest=put` validates every segment (it must exist
 * in this account, be a plain object of at least 1 byte, and match the etag and size the
 * client gives) and stores the segment list; `=get` returns it; `=delete` removes the
 * segments and the manifest.
 */
@Injectable()
export class SloService {
  constructor(
    @Inject(ContainersRepository) private readonly containers: ContainersRepository,
    @Inject(ObjectsRepository) private readonly objects: ObjectsRepository,
    @Inject(ObjectWriter) private readonly writer: ObjectWriter,
  ) {}

  async put(r: SwiftRequest, container: ContainerEntity, spec: PutSpec): Promise<SwiftReply> {
    const body = await readSmallBody(r.body, SLO_LIMITS.max_manifest_size);
    const requested = parseSloPut(body);
    const segments = await this.validate(r.path.account, requested);
    const etag = sloEtag(segments);
    const size = segments.reduce((n, s) => n + rangeLength(s), 0);
    const name = r.path.object ?? '';
    const row = await this.writer.commit(
      container,
      {
        name,
        kind: 'slo',
        blobKey: null,
        size,
        etag,
        contentType: spec.contentType ?? detectContentType(name),
        meta: spec.meta,
        stored: spec.stored,
        deleteAt: spec.deleteAt,
        manifest: JSON.stringify(segments),
      },
      spec.ifNoneMatchStar,
    );
    return { status: 201, headers: { Etag: `"${etag}"`, 'Last-Modified': lastModifiedHeader(row.timestamp) }, body: '' };
  }

  /** `multipart-manifest=get`: the stored segment list (`format=raw`: as it was PUT). */
  manifest(r: SwiftRequest, row: ObjectEntity): SwiftReply {
    const segments = JSON.parse(row.manifest ?? '[]') as SloSegment[];
    const value =
      r.query.get('format') === 'raw'
        ? segments.map((s) => ({ path: s.name, etag: s.hash, size_bytes: s.bytes, ...(s.range ? { range: s.range } : {}) }))
        : segments;
    return jsonReply(200, value, { 'X-Static-Large-Object': 'True', 'Last-Modified': lastModifiedHeader(row.timestamp) });
  }

  /** `multipart-manifest=delete`: every segment, then the manifest; a bulk-delete style answer. */
  async deleteWithSegments(r: SwiftRequest, container: ContainerEntity, row: ObjectEntity): Promise<SwiftReply> {
    const result = emptyBulkResult();
    for (const seg of JSON.parse(row.manifest ?? '[]') as SloSegment[]) {
      const path = splitSegmentPath(seg.name);
      const segContainer = path ? await this.containers.find(r.path.account, path.container) : null;
      try {
        if (!segContainer || !path) {
          result.notFound++;
          continue;
        }
        await this.writer.remove(segContainer, path.object);
        result.deleted++;
      } catch (err) {
        if (isDomainError(err) && err.kind === 'not_found') {
          result.notFound++;
        } else {
          result.errors.push([seg.name, '500 Internal Error']);
        }
      }
    }
    await this.writer.remove(container, row.name);
    result.deleted++;
    return bulkReply(result, String(r.headers['accept'] ?? ''));
  }

  private async validate(account: string, requested: SloPutSegment[]): Promise<SloSegment[]> {
    const problems: string[] = [];
    const out: SloSegment[] = [];
    for (const seg of requested) {
      const found = await this.lookup(account, seg.path);
      const problem = checkSegment(seg, found);
      if (problem || !found) {
        problems.push(`${seg.path}, ${problem ?? '404 Not Found'}`);
        continue;
      }
      out.push({
        name: `/${seg.path.replace(/^\//, '')}`,
        hash: found.etag,
        bytes: found.size,
        content_type: found.contentType,
        last_modified: listingDate(found.timestamp),
        ...(seg.range ? { range: normalizeRange(seg.range, found.size) } : {}),
      });
    }
    if (problems.length > 0) {
      throw badRequest(`Errors:\n${problems.join('\n')}\n`);
    }
    return out;
  }

  private async lookup(account: string, path: string): Promise<ObjectEntity | null> {
    const p = splitSegmentPath(path);
    const container = p ? await this.containers.find(account, p.container) : null;
    return container && p ? this.objects.find(container.id, p.object) : null;
  }
}

function checkSegment(seg: SloPutSegment, found: ObjectEntity | null): string | undefined {
  if (!splitSegmentPath(seg.path)) {
    return 'Invalid segment path';
  }
  if (!found) {
    return `404 ${httpTitleOf(404)}`;
  }
  if (found.kind !== 'plain') {
    return 'Nested manifests are not supported';
  }
  if (seg.etag && seg.etag.replace(/"/g, '') !== found.etag) {
    return 'Etag Mismatch';
  }
  if (seg.size_bytes !== undefined && seg.size_bytes !== null && seg.size_bytes !== found.size) {
    return 'Size Mismatch';
  }
  if (found.size < SLO_LIMITS.min_segment_size) {
    return `Too small; each segment must be at least ${SLO_LIMITS.min_segment_size} byte.`;
  }
  if (seg.range && !segmentRange(seg.range, found.size)) {
    return 'Unsatisfiable Range';
  }
  return undefined;
}

function normalizeRange(range: string, size: number): string {
  const r = segmentRange(range, size);
  return r ? `${r.start}-${r.end}` : range;
}

function rangeLength(s: SloSegment): number {
  const r = s.range ? segmentRange(s.range, s.bytes) : undefined;
  return r ? r.end - r.start + 1 : s.bytes;
}
