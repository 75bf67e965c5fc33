import { Inject, Injectable } from '@nestjs/common';
import { httpStatusOf, httpTitleOf, isDomainError } from '@tinystack/errors';
import { AccessService } from '../access/access.service.js';
import { ContainersRepository } from '../containers/containers.repository.js';
import { ContainersService } from '../containers/containers.service.js';
import { ObjectWriter } from '../objects/object-writer.service.js';
import { readSmallBody } from '../shared/read-body.js';
import { badRequest } from '../shared/swift-errors.js';
import { decodeSegment } from '../shared/swift-path.js';
import type { SwiftReply } from '../shared/swift-reply.js';
import { header, type SwiftRequest } from '../shared/swift-request.js';
import { bulkReply, emptyBulkResult, type BulkResult } from './bulk-result.js';

export const BULK_LIMITS = { max_deletes_per_request: 10_000, max_failed_deletes: 1_000 } as const;

/**
 * Swift's bulk delete (`POST /v1/<account>?bulk-delete`): the body lists URL-encoded
 * `/container/object` or `/container` paths, one a line; each is deleted with the
 * caller's own rights, and the answer counts what was deleted, not found or refused.
 */
@Injectable()
export class BulkDeleteService {
  constructor(
    @Inject(ContainersRepository) private readonly containers: ContainersRepository,
    @Inject(ContainersService) private readonly containerService: ContainersService,
    @Inject(ObjectWriter) private readonly writer: ObjectWriter,
    @Inject(AccessService) private readonly access: AccessService,
  ) {}

  async delete(r: SwiftRequest): Promise<SwiftReply> {
    const body = await readSmallBody(r.body, BULK_LIMITS.max_deletes_per_request * 1100);
    const paths = body
      .toString('latin1')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    if (paths.length > BULK_LIMITS.max_deletes_per_request) {
      throw badRequest(`Max delete failures exceeded`);
    }
    const result = emptyBulkResult();
    for (const raw of paths) {
      if (result.errors.length >= BULK_LIMITS.max_failed_deletes) {
        break;
      }
      await this.deleteOne(r, raw, result);
    }
    return bulkReply(result, header(r, 'accept'));
  }

  private async deleteOne(r: SwiftRequest, raw: string, result: BulkResult): Promise<void> {
    let shown = raw;
    try {
      const path = decodeSegment(raw).replace(/^\/+/, '');
      shown = `/${path}`;
      const i = path.indexOf('/');
      const container = i === -1 ? path : path.slice(0, i);
      const object = i === -1 ? undefined : path.slice(i + 1);
      const sub: SwiftRequest = { ...r, method: 'DELETE', path: { account: r.path.account, container, object } };
      const row = await this.containers.find(r.path.account, container);
      await this.access.authorize(sub, object ? 'object-write' : 'container-write', row);
      if (!row) {
        result.notFound++;
        return;
      }
      if (object) {
        await this.writer.remove(row, object);
      } else {
        await this.containerService.remove(row);
      }
      result.deleted++;
    } catch (err) {
      if (isDomainError(err) && err.kind === 'not_found') {
        result.notFound++;
        return;
      }
      const status = isDomainError(err) ? httpStatusOf(err.kind) : 500;
      result.errors.push([shown, `${status} ${httpTitleOf(status)}`]);
    }
  }
}
