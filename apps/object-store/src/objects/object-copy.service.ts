import { Inject, Injectable } from '@nestjs/common';
import type { BlobStore } from '@tinystack/blob-store';
import { AccessService } from '../access/access.service.js';
import type { ContainerEntity } from '../containers/container.entity.js';
import { ContainersRepository } from '../containers/containers.repository.js';
import { ContentResolver } from '../large-objects/content-resolver.service.js';
import { streamSegments } from '../large-objects/segments.js';
import { BLOB_STORE } from '../storage/blob-store.token.js';
import { metaFromHeaders, parseMetaJson, withoutEmpty, headerValue } from '../shared/metadata.js';
import { created } from '../shared/replies.js';
import { badRequest, notFound, preconditionFailed } from '../shared/swift-errors.js';
import { decodeSegment, parseSwiftPath, type SwiftPath } from '../shared/swift-path.js';
import type { SwiftReply } from '../shared/swift-reply.js';
import { header, type SwiftRequest } from '../shared/swift-request.js';
import { lastModifiedHeader } from '../shared/swift-time.js';
import { ObjectWriter } from './object-writer.service.js';
import type { ObjectEntity } from './object.entity.js';
import { ObjectsRepository } from './objects.repository.js';
import { deleteAtOf, storedHeadersOf, type PutSpec } from './put-spec.js';

/** `<container>/<object>` from X-Copy-From or Destination (leading slash optional, URL-encoded). */
export function copyPath(raw: string, account: string): SwiftPath {
  const clean = raw.trim().replace(/^\/+/, '');
  const i = clean.indexOf('/');
  if (i <= 0 || i === clean.length - 1) {
    throw preconditionFailed('X-Copy-From header must be of the form <container name>/<object name>');
  }
  return parseSwiftPath(`/v1/${encodeURIComponent(account)}/${clean}`);
}

/**
 * Server-side copy (COPY + Destination, PUT + X-Copy-From): the source's bytes (a large
 * object's concatenated content, or an SLO's manifest with `multipart-manifest=get`)
 * become a new object; its metadata is kept unless X-Fresh-Metadata, and request
 * headers override it.
 */
@Injectable()
export class ObjectCopyService {
  constructor(
    @Inject(ContainersRepository) private readonly containers: ContainersRepository,
    @Inject(ObjectsRepository) private readonly objects: ObjectsRepository,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(ContentResolver) private readonly resolver: ContentResolver,
    @Inject(ObjectWriter) private readonly writer: ObjectWriter,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  async copyFrom(r: SwiftRequest, dest: ContainerEntity, spec: PutSpec): Promise<SwiftReply> {
    if (spec.contentLength !== 0) {
      throw badRequest('Copy requests require a zero byte body');
    }
    const srcAccount = header(r, 'x-copy-from-account');
    const src = copyPath(header(r, 'x-copy-from') ?? '', srcAccount ? decodeSegment(srcAccount) : r.path.account);
    return this.copy(r, src, dest, r.path.object ?? '');
  }

  async copyTo(r: SwiftRequest): Promise<SwiftReply> {
    const destination = header(r, 'destination');
    if (!destination) {
      throw preconditionFailed('Destination header required');
    }
    const destAccount = header(r, 'destination-account');
    const to = copyPath(destination, destAccount ? decodeSegment(destAccount) : r.path.account);
    const dest = await this.containers.find(to.account, to.container ?? '');
    await this.access.authorize({ ...r, path: to }, 'object-write', dest);
    if (!dest) {
      throw notFound();
    }
    return this.copy(r, r.path, dest, to.object ?? '');
  }

  private async copy(r: SwiftRequest, from: SwiftPath, dest: ContainerEntity, name: string): Promise<SwiftReply> {
    const src = await this.source(r, from);
    const fresh = /^(true|1|yes|on)$/i.test(header(r, 'x-fresh-metadata') ?? '');
    const meta = withoutEmpty({ ...(fresh ? {} : parseMetaJson(src.meta)), ...metaFromHeaders(r.headers, 'object') });
    const common = {
      name,
      contentType: header(r, 'content-type') ?? src.contentType,
      meta,
      stored: { ...(fresh ? {} : parseMetaJson(src.headers)), ...storedHeadersOf(r) },
      deleteAt: deleteAtOf(r),
    };
    let row: ObjectEntity;
    if (src.kind === 'slo' && r.query.get('multipart-manifest') === 'get') {
      row = await this.writer.commit(dest, { ...common, kind: 'slo', blobKey: null, size: src.size, etag: src.etag, manifest: src.manifest });
    } else {
      const content = await this.resolver.resolve(from.account, src);
      const blob = await this.writer.storeBlob(await streamSegments(this.blobs, content.segments), { size: content.size });
      row = await this.writer.commit(dest, { ...common, kind: 'plain', blobKey: blob.blobKey, size: blob.size, etag: blob.etag, manifest: null });
    }
    return created({
      Etag: row.etag,
      'Last-Modified': lastModifiedHeader(row.timestamp),
      'X-Copied-From': headerValue(`${from.container}/${from.object}`),
      'X-Copied-From-Account': headerValue(from.account),
      'X-Copied-From-Last-Modified': lastModifiedHeader(src.timestamp),
    });
  }

  private async source(r: SwiftRequest, from: SwiftPath): Promise<ObjectEntity> {
    const c = await this.containers.find(from.account, from.container ?? '');
    await this.access.authorize({ ...r, method: 'GET', path: from, query: new URLSearchParams() }, 'object-read', c);
    const row = c ? await this.objects.find(c.id, from.object ?? '') : null;
    if (!row) {
      throw notFound();
    }
    return row;
  }
}
