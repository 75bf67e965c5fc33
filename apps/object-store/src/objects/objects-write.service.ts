import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service.js';
import type { ContainerEntity } from '../containers/container.entity.js';
import { quotasOf } from '../containers/container-headers.js';
import { ContainersRepository } from '../containers/containers.repository.js';
import { SloService } from '../large-objects/slo.service.js';
import { parseMetaJson } from '../shared/metadata.js';
import { accepted, created, noContent } from '../shared/replies.js';
import { notFound, swiftMessage } from '../shared/swift-errors.js';
import type { SwiftReply } from '../shared/swift-reply.js';
import { header, type SwiftRequest } from '../shared/swift-request.js';
import { lastModifiedHeader } from '../shared/swift-time.js';
import { ObjectCopyService } from './object-copy.service.js';
import { ObjectWriter } from './object-writer.service.js';
import { ObjectsRepository } from './objects.repository.js';
import { deleteAtOf, detectContentType, MAX_FILE_SIZE, parsePutSpec, storedHeadersOf, type PutSpec } from './put-spec.js';
import { metaFromHeaders } from '../shared/metadata.js';
import { md5Of } from './md5.js';

/** Object PUT (plain, DLO manifest, SLO manifest, server-side copy), POST and DELETE. */
@Injectable()
export class ObjectsWriteService {
  constructor(
    @Inject(ContainersRepository) private readonly containers: ContainersRepository,
    @Inject(ObjectsRepository) private readonly objects: ObjectsRepository,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(ObjectWriter) private readonly writer: ObjectWriter,
    @Inject(SloService) private readonly slo: SloService,
    @Inject(ObjectCopyService) private readonly copies: ObjectCopyService,
  ) {}

  async put(r: SwiftRequest): Promise<SwiftReply> {
    const container = await this.writable(r);
    const spec = parsePutSpec(r);
    if (header(r, 'x-copy-from') !== undefined) {
      return this.copies.copyFrom(r, container, spec);
    }
    if (r.query.get('multipart-manifest') === 'put') {
      return this.slo.put(r, container, spec);
    }
    const name = r.path.object ?? '';
    const { maxSize, quotaLimited } = await this.sizeLimit(container, spec);
    if (spec.dloManifest !== undefined) {
      await pipeline(r.body, new Writable({ write: (_c, _e, cb) => cb() }));
    }
    const blob =
      spec.dloManifest === undefined
        ? await this.writer.storeBlob(r.body, { size: spec.contentLength, md5: spec.etag, maxSize, quotaExceeded: quotaLimited })
        : { blobKey: null, etag: md5Of(''), size: 0 };
    const row = await this.writer.commit(
      container,
      {
        name,
        kind: spec.dloManifest === undefined ? 'plain' : 'dlo',
        blobKey: blob.blobKey,
        size: blob.size,
        etag: blob.etag,
        contentType: spec.contentType ?? detectContentType(name),
        meta: spec.meta,
        stored: spec.stored,
        deleteAt: spec.deleteAt,
        manifest: spec.dloManifest ?? null,
      },
      spec.ifNoneMatchStar,
    );
    return created({ Etag: blob.etag, 'Last-Modified': lastModifiedHeader(row.timestamp) });
  }

  /** POST replaces the user metadata (and may set Content-Type, stored headers, expiry). */
  async post(r: SwiftRequest): Promise<SwiftReply> {
    const container = await this.writable(r);
    const name = r.path.object ?? '';
    const row = await this.objects.find(container.id, name);
    if (!row) {
      throw notFound();
    }
    const meta = metaFromHeaders(r.headers, 'object');
    const ct = header(r, 'content-type');
    const removeExpiry = header(r, 'x-remove-delete-at') !== undefined;
    const deleteAt = removeExpiry ? null : (deleteAtOf(r) ?? row.deleteAt);
    await this.writer.update(container, name, {
      meta: JSON.stringify(Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== ''))),
      headers: JSON.stringify({ ...parseMetaJson(row.headers), ...storedHeadersOf(r) }),
      ...(ct ? { contentType: ct } : {}),
      deleteAt,
    });
    return accepted();
  }

  async delete(r: SwiftRequest): Promise<SwiftReply> {
    const container = await this.writable(r);
    const name = r.path.object ?? '';
    if (r.query.get('multipart-manifest') === 'delete') {
      const row = await this.objects.find(container.id, name);
      if (row?.kind === 'slo') {
        return this.slo.deleteWithSegments(r, container, row);
      }
    }
    await this.writer.remove(container, name);
    return noContent({ 'Content-Type': 'text/html; charset=UTF-8' });
  }

  /** COPY with a Destination header. */
  copy(r: SwiftRequest): Promise<SwiftReply> {
    return this.copies.copyTo(r);
  }

  private async writable(r: SwiftRequest): Promise<ContainerEntity> {
    const c = await this.containers.find(r.path.account, r.path.container ?? '');
    await this.access.authorize(r, 'object-write', c);
    if (!c) {
      throw notFound();
    }
    return c;
  }

  /** The most bytes this PUT may store: max_file_size, or less under a container quota (413). */
  private async sizeLimit(c: ContainerEntity, spec: PutSpec): Promise<{ maxSize: number; quotaLimited: boolean }> {
    const quota = quotasOf(parseMetaJson(c.meta));
    if (quota.bytes === undefined && quota.count === undefined) {
      return { maxSize: MAX_FILE_SIZE, quotaLimited: false };
    }
    const stats = await this.containers.stats(c.id);
    if (quota.count !== undefined && stats.objects + 1 > quota.count) {
      throw swiftMessage('payload_too_large', 'Upload exceeds quota.');
    }
    if (quota.bytes === undefined) {
      return { maxSize: MAX_FILE_SIZE, quotaLimited: false };
    }
    const room = quota.bytes - stats.bytes;
    if ((spec.contentLength ?? 0) > room || room < 0) {
      throw swiftMessage('payload_too_large', 'Upload exceeds quota.');
    }
    return { maxSize: Math.min(room, MAX_FILE_SIZE), quotaLimited: true };
  }
}
