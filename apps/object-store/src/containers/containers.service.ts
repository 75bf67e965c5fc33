import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { isUniqueViolation } from '@tinystack/db';
import { AccessService, type Access } from '../access/access.service.js';
import { AccountsRepository } from '../accounts/accounts.repository.js';
import { ObjectEntity } from '../objects/object.entity.js';
import { ObjectsRepository, type ListingRow } from '../objects/objects.repository.js';
import { WriteBatcher } from '../storage/write-batcher.js';
import { listingReply, type ListedEntry } from '../shared/listing-format.js';
import { formatOf, listParamsOf, walkListing } from '../shared/listing.js';
import { mergeMeta, metaFromHeaders, metaHeaders, parseMetaJson, withoutEmpty } from '../shared/metadata.js';
import { accepted, created, noContent } from '../shared/replies.js';
import { notFound, swiftError } from '../shared/swift-errors.js';
import type { SwiftReply } from '../shared/swift-reply.js';
import type { SwiftRequest } from '../shared/swift-request.js';
import { lastModifiedHeader, listingDate, nowTimestampMs, xTimestamp } from '../shared/swift-time.js';
import { aclUpdateOf, checkQuotaMeta } from './container-headers.js';
import { ContainerEntity } from './container.entity.js';
import { ContainersRepository } from './containers.repository.js';

/** Swift containers: create, read (HEAD/listing), metadata and ACLs, delete when empty. */
@Injectable()
export class ContainersService {
  constructor(
    @Inject(ContainersRepository) private readonly containers: ContainersRepository,
    @Inject(AccountsRepository) private readonly accounts: AccountsRepository,
    @Inject(ObjectsRepository) private readonly objects: ObjectsRepository,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(WriteBatcher) private readonly writes: WriteBatcher,
  ) {}

  async put(r: SwiftRequest): Promise<SwiftReply> {
    await this.access.authorize(r, 'container-write');
    const { account, container } = this.names(r);
    const updates = metaFromHeaders(r.headers, 'container');
    checkQuotaMeta(updates);
    const acl = aclUpdateOf(r.headers);
    const isNew = await this.upsert(account, container, updates, acl);
    return isNew ? created() : accepted();
  }

  /** Creates the container or merges metadata into it; true when it was created. */
  async upsert(account: string, name: string, updates: Record<string, string>, acl: { read?: string | null | undefined; write?: string | null | undefined } = {}): Promise<boolean> {
    try {
      return await this.writes.run(async (em) => {
        const now = nowTimestampMs();
        await this.accounts.ensure(em, account, now);
        const repo = em.getRepository(ContainerEntity);
        const existing = await repo.findOneBy({ account, name });
        if (existing) {
          const meta = mergeMeta(parseMetaJson(existing.meta), updates, 'container');
          await repo.update({ id: existing.id }, { meta: JSON.stringify(meta), updatedAt: now, ...aclColumns(acl) });
          return false;
        }
        const meta = JSON.stringify(withoutEmpty(updates));
        await repo.insert({ id: randomUUID(), account, name, meta, readAcl: acl.read ?? null, writeAcl: acl.write ?? null, createdAt: now, updatedAt: now });
        return true;
      });
    } catch (err) {
      if (isUniqueViolation(err)) {
        return this.upsert(account, name, updates, acl);
      }
      throw err;
    }
  }

  async head(r: SwiftRequest): Promise<SwiftReply> {
    const { row, access } = await this.readable(r);
    return noContent({ ...(await this.headers(row, access)), 'Content-Type': 'text/plain; charset=utf-8' });
  }

  async list(r: SwiftRequest): Promise<SwiftReply> {
    const { row, access } = await this.readable(r);
    const entries = await walkListing(listParamsOf(r), (range) => this.objects.listingPage(row.id, range));
    const listed = entries.map((e): ListedEntry => ('item' in e ? listedObject(e.item) : { subdir: e.subdir }));
    return listingReply('container', row.name, listed, formatOf(r), await this.headers(row, access));
  }

  async post(r: SwiftRequest): Promise<SwiftReply> {
    const { account, container } = this.names(r);
    const row = await this.containers.find(account, container);
    await this.access.authorize(r, 'container-write', row);
    if (!row) {
      throw notFound();
    }
    const updates = metaFromHeaders(r.headers, 'container');
    checkQuotaMeta(updates);
    await this.upsert(account, container, updates, aclUpdateOf(r.headers));
    return noContent({ 'Content-Type': 'text/html; charset=UTF-8' });
  }

  async delete(r: SwiftRequest): Promise<SwiftReply> {
    const { account, container } = this.names(r);
    const row = await this.containers.find(account, container);
    await this.access.authorize(r, 'container-write', row);
    if (!row) {
      throw notFound();
    }
    await this.remove(row);
    return noContent({ 'Content-Type': 'text/html; charset=UTF-8' });
  }

  /** Deletes an empty container; 409 while it holds objects. */
  async remove(row: ContainerEntity): Promise<void> {
    await this.writes.run(async (em) => {
      if (await em.getRepository(ObjectEntity).findOne({ where: { containerId: row.id }, select: { name: true } })) {
        throw swiftError('conflict');
      }
      await em.getRepository(ContainerEntity).delete({ id: row.id });
    });
  }

  private async readable(r: SwiftRequest): Promise<{ row: ContainerEntity; access: Access }> {
    const { account, container } = this.names(r);
    const row = await this.containers.find(account, container);
    const access = await this.access.authorize(r, 'container-read', row);
    if (!row) {
      throw notFound();
    }
    return { row, access };
  }

  private async headers(row: ContainerEntity, access: Access): Promise<Record<string, string | number>> {
    const stats = await this.containers.stats(row.id);
    return {
      'X-Container-Object-Count': stats.objects,
      'X-Container-Bytes-Used': stats.bytes,
      'X-Timestamp': xTimestamp(row.createdAt),
      'X-Put-Timestamp': xTimestamp(row.updatedAt),
      'Last-Modified': lastModifiedHeader(row.updatedAt),
      'X-Storage-Policy': 'Policy-0',
      'Accept-Ranges': 'bytes',
      ...metaHeaders(parseMetaJson(row.meta), 'container'),
      ...(access === 'owner' && row.readAcl ? { 'X-Container-Read': row.readAcl } : {}),
      ...(access === 'owner' && row.writeAcl ? { 'X-Container-Write': row.writeAcl } : {}),
    };
  }

  private names(r: SwiftRequest): { account: string; container: string } {
    return { account: r.path.account, container: r.path.container ?? '' };
  }
}

function aclColumns(acl: { read?: string | null | undefined; write?: string | null | undefined }) {
  return {
    ...(acl.read !== undefined ? { readAcl: acl.read } : {}),
    ...(acl.write !== undefined ? { writeAcl: acl.write } : {}),
  };
}

function listedObject(o: ListingRow): ListedEntry {
  return {
    name: o.name,
    hash: o.etag,
    bytes: o.size,
    content_type: o.contentType,
    last_modified: listingDate(o.timestamp),
    ...(o.kind === 'slo' ? { slo_etag: `"${o.etag}"` } : {}),
  };
}
