import { Controller, Delete, Get, Head, Inject, Post, Put, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '@tinystack/auth';
import { BulkDeleteService } from '../bulk/bulk-delete.service.js';
import { sendReply } from '../shared/swift-reply.js';
import { Swift, type SwiftRequest } from '../shared/swift-request.js';
import { AccountsService } from './accounts.service.js';

/**
 * `/v1/<account>`. Public at the edge: a token is verified when present, and the service
 * decides (owner, ACL, TempURL, 401/403), as Swift's auth middleware does.
 */
@Public()
@Controller('v1')
export class AccountsController {
  constructor(
    @Inject(AccountsService) private readonly accounts: AccountsService,
    @Inject(BulkDeleteService) private readonly bulk: BulkDeleteService,
  ) {}

  @Head(':account')
  async head(@Swift() r: SwiftRequest, @Res() res: Response): Promise<void> {
    sendReply(res, await this.accounts.head(r), true);
  }

  @Get(':account')
  async list(@Swift() r: SwiftRequest, @Res() res: Response): Promise<void> {
    sendReply(res, await this.accounts.list(r), false);
  }

  @Post(':account')
  async post(@Swift() r: SwiftRequest, @Res() res: Response): Promise<void> {
    sendReply(res, r.query.has('bulk-delete') ? await this.bulk.delete(r) : await this.accounts.post(r), false);
  }

  @Put(':account')
  put(): never {
    return this.accounts.notAllowed();
  }

  @Delete(':account')
  remove(): never {
    return this.accounts.notAllowed();
  }
}
