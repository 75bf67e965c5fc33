import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '@tinystack/auth';
import type { BlobStore } from '@tinystack/blob-store';
import { objectstoreV1 } from '@tinystack/contracts';
import { DomainError } from '@tinystack/errors';
import { AccessService, type Access, type Operation } from '../access/access.service.js';
import { cleanAcl } from '../acl/acl.js';
import type { ContainerEntity } from '../containers/container.entity.js';
import { ContainersRepository } from '../containers/containers.repository.js';
import { ContainersService } from '../containers/containers.service.js';
import { checkMeta, parseMetaJson } from '../shared/metadata.js';
import { ContentResolver } from '../large-objects/content-resolver.service.js';
import { sliceSegments, streamSegments } from '../large-objects/segments.js';
import { ObjectWriter } from '../objects/object-writer.service.js';
import type { ObjectEntity } from '../objects/object.entity.js';
import { ObjectsRepository } from '../objects/objects.repository.js';
import { detectContentType } from '../objects/put-spec.js';
import { BLOB_STORE } from '../storage/blob-store.token.js';
import { LISTING_LIMIT, walkListing } from '../shared/listing.js';
import { parseSwiftPath, type SwiftPath } from '../shared/swift-path.js';

type Info = objectstoreV1.ObjectInfo;

/**
 * The gRPC face of the object store (image service, dashboard): the same rules as the
 * REST API (AccessService), the same writer and readers, Swift's name limits. Errors are
 * DomainErrors whose message is a plain sentence (not Swift's HTML bodies).
 */
@Injectable()
export class ObjectStoreGrpcService {
  constructor(
    @Inject(ContainersRepository) private readonly containers: ContainersRepository,
    @Inject(ContainersService) private readonly containerService: ContainersService,
    @Inject(ObjectsRepository) private readonly objects: ObjectsRepository,
    @Inject(ObjectWriter) private readonly writer: ObjectWriter,
    @Inject(ContentResolver) private readonly resolver: ContentResolver,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  async ensureContainer(caller: AuthContext, req: objectstoreV1.EnsureContainerRequest): Promise<boolean> {
    const path = pathOf(caller, req.account, req.container);
    this.access.authorizeCaller(caller, path.account, 'container-write');
    checkMeta(req.metadata, 'container');
    return this.containerService.upsert(path.account, path.container ?? '', req.metadata, aclUpdateOf(req));
  }

  /** HEAD container: counts and metadata; ACLs (and temp-URL keys) only for the owner, as REST. */
  async headContainer(caller: AuthContext, req: objectstoreV1.HeadContainerRequest): Promise<objectstoreV1.HeadContainerResponse> {
    const path = pathOf(caller, req.account, req.container);
    const { row, access } = await this.container(caller, path, 'container-read');
    const stats = await this.containers.stats(row.id);
    const isOwner = access === 'owner';
    const metadata = Object.fromEntries(Object.entries(parseMetaJson(row.meta)).filter(([k]) => isOwner || !k.startsWith('temp-url-key')));
    return {
      container: { name: row.name, objectCount: stats.objects, bytesUsed: stats.bytes, lastModified: Math.floor(row.updatedAt) },
      metadata,
      readAcl: isOwner ? (row.readAcl ?? '') : '',
      writeAcl: isOwner ? (row.writeAcl ?? '') : '',
    };
  }

  /** DELETE container: owners only; a container that still holds objects is a conflict. */
  async deleteContainer(caller: AuthContext, req: objectstoreV1.DeleteContainerRequest): Promise<void> {
    const path = pathOf(caller, req.account, req.container);
    const { row } = await this.container(caller, path, 'container-write');
    try {
      await this.containerService.remove(row);
    } catch (err) {
      if (err instanceof DomainError && err.kind === 'conflict') {
        throw new DomainError('conflict', `Container ${row.name} is not empty: delete its objects first.`);
      }
      throw err;
    }
  }

  async putObject(caller: AuthContext, h: objectstoreV1.PutObjectHeader, body: Readable): Promise<Info> {
    const path = pathOf(caller, h.account, h.container, h.name);
    const { row: container } = await this.container(caller, path, 'object-write');
    checkMeta(h.metadata, 'object');
    const blob = await this.writer.storeBlob(body, { size: h.size >= 0 ? h.size : undefined, md5: h.etag || undefined });
    const name = path.object ?? '';
    const row = await this.writer.commit(container, {
      name,
      kind: 'plain',
      ...blob,
      contentType: h.contentType || detectContentType(name),
      meta: h.metadata,
      stored: {},
      deleteAt: h.deleteAt > 0 ? h.deleteAt : null,
      manifest: null,
    });
    return infoOf(row, row.size);
  }

  async getObject(caller: AuthContext, req: objectstoreV1.GetObjectRequest): Promise<{ info: Info; body: Readable }> {
    const { row, account } = await this.find(caller, req.account, req.container, req.name);
    const content = await this.resolver.resolve(account, row);
    const range = req.range;
    if (range && (range.start < 0 || range.end < range.start || range.end >= content.size)) {
      throw new DomainError('range_not_satisfiable', `Range ${range.start}-${range.end} is outside 0-${content.size - 1}`);
    }
    const segments = range ? sliceSegments(content.segments, range) : content.segments;
    return { info: infoOf(row, content.size, content.etag), body: await streamSegments(this.blobs, segments) };
  }

  async headObject(caller: AuthContext, req: objectstoreV1.HeadObjectRequest): Promise<Info> {
    const { row, account } = await this.find(caller, req.account, req.container, req.name);
    const content = await this.resolver.resolve(account, row);
    return infoOf(row, content.size, content.etag);
  }

  async deleteObject(caller: AuthContext, req: objectstoreV1.DeleteObjectRequest): Promise<void> {
    const path = pathOf(caller, req.account, req.container, req.name);
    const { row: container } = await this.container(caller, path, 'object-write');
    await this.writer.remove(container, path.object ?? '');
  }

  async listObjects(caller: AuthContext, req: objectstoreV1.ListObjectsRequest): Promise<objectstoreV1.ListedObject[]> {
    const path = pathOf(caller, req.account, req.container);
    const { row: container } = await this.container(caller, path, 'container-read');
    const params = { prefix: req.prefix, marker: req.marker, endMarker: req.endMarker, delimiter: req.delimiter, limit: limitOf(req.limit), reverse: false };
    const entries = await walkListing(params, (range) => this.objects.page(container.id, range));
    return entries.map((e) => ('item' in e ? { object: infoOf(e.item, e.item.size), subdir: '' } : { subdir: e.subdir }));
  }

  async listContainers(caller: AuthContext, req: objectstoreV1.ListContainersRequest): Promise<objectstoreV1.ContainerInfo[]> {
    const { account } = pathOf(caller, req.account);
    this.access.authorizeCaller(caller, account, 'account-read');
    const params = { prefix: req.prefix, marker: req.marker, endMarker: '', delimiter: '', limit: limitOf(req.limit), reverse: false };
    const entries = await walkListing(params, (range) => this.containers.page(account, range));
    const rows = entries.flatMap((e) => ('item' in e ? [e.item] : []));
    const stats = await this.containers.statsFor(rows.map((c) => c.id));
    return rows.map((c) => ({ name: c.name, objectCount: stats.get(c.id)?.objects ?? 0, bytesUsed: stats.get(c.id)?.bytes ?? 0, lastModified: Math.floor(c.updatedAt) }));
  }

  private async container(caller: AuthContext, path: SwiftPath, op: Exclude<Operation, 'account-read' | 'account-write'>): Promise<{ row: ContainerEntity; access: Access }> {
    const row = await this.containers.find(path.account, path.container ?? '');
    const access = this.access.authorizeCaller(caller, path.account, op, row);
    if (!row) {
      throw new DomainError('not_found', `No container ${path.container} in ${path.account}`);
    }
    return { row, access };
  }

  private async find(caller: AuthContext, account: string, container: string, name: string): Promise<{ row: ObjectEntity; account: string }> {
    const path = pathOf(caller, account, container, name);
    const { row: c } = await this.container(caller, path, 'object-read');
    const row = await this.objects.find(c.id, path.object ?? '');
    if (!row) {
      throw new DomainError('not_found', `No object ${path.object} in ${path.container}`);
    }
    return { row, account: path.account };
  }
}

/** Validates names as the REST API does; the account defaults to the caller's project. */
function pathOf(caller: AuthContext, account: string, container?: string, object?: string): SwiftPath {
  const acc = account || `AUTH_${caller.projectId ?? ''}`;
  if (container?.includes('/')) {
    throw new DomainError('bad_request', 'A container name cannot contain "/"');
  }
  if (container === '' || object === '') {
    throw new DomainError('bad_request', container === '' ? 'A container name is required' : 'An object name is required');
  }
  const raw = [acc, container, object].filter((s): s is string => s !== undefined).map(encodeURIComponent);
  return parseSwiftPath(`/v1/${raw.join('/')}`);
}

/** The ACL changes EnsureContainer asks for, cleaned as the REST headers are ("" removes). */
function aclUpdateOf(req: objectstoreV1.EnsureContainerRequest): { read?: string | null; write?: string | null } {
  const one = (value: string | undefined, kind: 'read' | 'write') => {
    if (value === undefined) {
      return {};
    }
    const clean = cleanAcl(value, kind);
    return { [kind]: clean === '' ? null : clean };
  };
  return { ...one(req.readAcl, 'read'), ...one(req.writeAcl, 'write') };
}

function limitOf(limit: number): number {
  return limit > 0 ? Math.min(limit, LISTING_LIMIT) : LISTING_LIMIT;
}

function infoOf(row: ObjectEntity, size: number, etag = row.etag): Info {
  return {
    name: row.name,
    size,
    etag,
    contentType: row.contentType,
    lastModified: Math.floor(row.timestamp),
    metadata: parseMetaJson(row.meta),
    deleteAt: row.deleteAt ?? 0,
  };
}
