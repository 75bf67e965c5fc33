import { Inject, Injectable } from '@nestjs/common';
import type { BlobStore } from '@tinystack/blob-store';
import { AccessService, type Access } from '../access/access.service.js';
import { ContainersRepository } from '../containers/containers.repository.js';
import { ContentResolver, type ObjectContent } from '../large-objects/content-resolver.service.js';
import { multipartRanges, readSegments, sliceSegments } from '../large-objects/segments.js';
import { SloService } from '../large-objects/slo.service.js';
import { BLOB_STORE } from '../storage/blob-store.token.js';
import { notFound, swiftError } from '../shared/swift-errors.js';
import type { SwiftReply } from '../shared/swift-reply.js';
import { header, type SwiftRequest } from '../shared/swift-request.js';
import { evaluateConditionals } from './conditionals.js';
import { objectHeaders, tempUrlDisposition } from './object-headers.js';
import type { ObjectEntity } from './object.entity.js';
import { ObjectsRepository } from './objects.repository.js';
import { parseRange } from './ranges.js';

/** Object GET and HEAD: conditionals, single and multiple ranges, large objects, TempURLs. */
@Injectable()
export class ObjectsReadService {
  constructor(
    @Inject(ContainersRepository) private readonly containers: ContainersRepository,
    @Inject(ObjectsRepository) private readonly objects: ObjectsRepository,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(ContentResolver) private readonly resolver: ContentResolver,
    @Inject(SloService) private readonly slo: SloService,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  async read(r: SwiftRequest): Promise<SwiftReply> {
    const { account, container, object } = r.path;
    const c = await this.containers.find(account, container ?? '');
    const access = await this.access.authorize(r, 'object-read', c);
    const row = c ? await this.objects.find(c.id, object ?? '') : null;
    if (!row) {
      throw notFound();
    }
    if (row.kind === 'slo' && r.query.get('multipart-manifest') === 'get') {
      return this.slo.manifest(r, row);
    }
    const content = await this.resolver.resolve(account, row);
    const headers = this.headersFor(r, row, content, access);
    const outcome = evaluateConditionals(
      {
        ifMatch: header(r, 'if-match'),
        ifNoneMatch: header(r, 'if-none-match'),
        ifModifiedSince: header(r, 'if-modified-since'),
        ifUnmodifiedSince: header(r, 'if-unmodified-since'),
      },
      content.etag,
      row.timestamp,
    );
    if (outcome === 'not_modified') {
      return { status: 304, headers };
    }
    if (outcome === 'precondition_failed') {
      throw swiftError('precondition_failed', stringHeaders(headers, ['Etag', 'Last-Modified']));
    }
    return this.body(r, row, content, headers);
  }

  private async body(r: SwiftRequest, row: ObjectEntity, content: ObjectContent, headers: Record<string, string | number>): Promise<SwiftReply> {
    const isHead = r.method === 'HEAD';
    const range = parseRange(header(r, 'range'), content.size);
    if (range.kind === 'unsatisfiable') {
      throw swiftError('range_not_satisfiable', { 'Content-Range': `bytes */${content.size}` });
    }
    if (range.kind === 'full') {
      const body = isHead ? undefined : await readSegments(this.blobs, content.segments, content.size);
      return { status: 200, headers, length: content.size, ...(body ? { body } : {}) };
    }
    const [first] = range.ranges;
    if (range.ranges.length === 1 && first) {
      const rangeHeaders = { ...headers, 'Content-Range': `bytes ${first.start}-${first.end}/${content.size}` };
      const length = first.end - first.start + 1;
      const body = isHead ? undefined : await readSegments(this.blobs, sliceSegments(content.segments, first), length);
      return { status: 206, headers: rangeHeaders, length, ...(body ? { body } : {}) };
    }
    const multi = multipartRanges(this.blobs, content.segments, range.ranges, row.contentType, content.size);
    if (isHead) {
      multi.body.destroy();
    }
    return {
      status: 206,
      headers: { ...headers, 'Content-Type': multi.contentType },
      length: multi.length,
      ...(isHead ? {} : { body: multi.body }),
    };
  }

  private headersFor(r: SwiftRequest, row: ObjectEntity, content: ObjectContent, access: Access): Record<string, string | number> {
    const headers = objectHeaders(row, content);
    if (access === 'tempurl' && r.method === 'GET') {
      headers['Content-Disposition'] = tempUrlDisposition(row.name, r.query);
    }
    return headers;
  }
}

function stringHeaders(h: Record<string, string | number>, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.filter((k) => h[k] !== undefined).map((k) => [k, String(h[k])]));
}
