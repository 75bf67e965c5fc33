import { Inject, Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service.js';
import { ContainersRepository } from '../containers/containers.repository.js';
import { WriteBatcher } from '../storage/write-batcher.js';
import { listingReply, type ListedEntry } from '../shared/listing-format.js';
import { formatOf, listParamsOf, walkListing } from '../shared/listing.js';
import { mergeMeta, metaFromHeaders, metaHeaders, parseMetaJson } from '../shared/metadata.js';
import { noContent } from '../shared/replies.js';
import { swiftError } from '../shared/swift-errors.js';
import type { SwiftReply } from '../shared/swift-reply.js';
import type { SwiftRequest } from '../shared/swift-request.js';
import { listingDate, nowTimestampMs, xTimestamp } from '../shared/swift-time.js';
import { AccountEntity } from './account.entity.js';
import { AccountsRepository } from './accounts.repository.js';

/**
 * Swift accounts (`AUTH_<project id>`). Accounts exist implicitly (account_autocreate):
 * reading one never written answers empty with zero counts; the row appears on the
 * first container or metadata write.
 */
@Injectable()
export class AccountsService {
  constructor(
    @Inject(AccountsRepository) private readonly accounts: AccountsRepository,
    @Inject(ContainersRepository) private readonly containers: ContainersRepository,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(WriteBatcher) private readonly writes: WriteBatcher,
  ) {}

  async head(r: SwiftRequest): Promise<SwiftReply> {
    await this.access.authorize(r, 'account-read');
    return noContent({ ...(await this.headers(r.path.account)), 'Content-Type': 'text/plain; charset=utf-8' });
  }

  async list(r: SwiftRequest): Promise<SwiftReply> {
    await this.access.authorize(r, 'account-read');
    const params = listParamsOf(r);
    const entries = await walkListing(params, (range) => this.containers.page(r.path.account, range));
    const stats = await this.containers.statsFor(entries.flatMap((e) => ('item' in e ? [e.item.id] : [])));
    const listed = entries.map((e): ListedEntry => {
      if (!('item' in e)) {
        return { subdir: e.subdir };
      }
      const s = stats.get(e.item.id);
      return { name: e.item.name, count: s?.objects ?? 0, bytes: s?.bytes ?? 0, last_modified: listingDate(e.item.updatedAt) };
    });
    return listingReply('account', r.path.account, listed, formatOf(r), await this.headers(r.path.account));
  }

  /** POST: account metadata (X-Account-Meta-*, the TempURL keys among them). */
  async post(r: SwiftRequest): Promise<SwiftReply> {
    await this.access.authorize(r, 'account-write');
    const updates = metaFromHeaders(r.headers, 'account');
    await this.writes.run(async (em) => {
      const row = await this.accounts.ensure(em, r.path.account, nowTimestampMs());
      const meta = mergeMeta(parseMetaJson(row.meta), updates, 'account');
      await em.getRepository(AccountEntity).update({ name: row.name }, { meta: JSON.stringify(meta) });
    });
    return noContent({ 'Content-Type': 'text/html; charset=UTF-8' });
  }

  /** PUT and DELETE of accounts are reseller operations Swift disables by default. */
  notAllowed(): never {
    throw swiftError('method_not_allowed');
  }

  private async headers(account: string): Promise<Record<string, string | number>> {
    const [row, stats] = await Promise.all([this.accounts.find(account), this.accounts.stats(account)]);
    const ts = xTimestamp(row?.createdAt ?? nowTimestampMs());
    return {
      'X-Account-Container-Count': stats.containers,
      'X-Account-Object-Count': stats.objects,
      'X-Account-Bytes-Used': stats.bytes,
      'X-Timestamp': ts,
      'X-Put-Timestamp': ts,
      'Accept-Ranges': 'bytes',
      ...metaHeaders(parseMetaJson(row?.meta), 'account'),
    };
  }
}
