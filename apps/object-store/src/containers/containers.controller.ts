import { Controller, Delete, Get, Head, Inject, Post, Put, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '@tinystack/auth';
import { sendReply } from '../shared/swift-reply.js';
import { Swift, type SwiftRequest } from '../shared/swift-request.js';
import { ContainersService } from './containers.service.js';

/** `/v1/<account>/<container>`; authorization is decided in the service (see AccountsController). */
@Public()
@Controller('v1/:account')
export class ContainersController {
  constructor(@Inject(ContainersService) private readonly containers: ContainersService) {}

  @Head(':container')
  async head(@Swift() r: SwiftRequest, @Res() res: Response): Promise<void> {
    sendReply(res, await this.containers.head(r), true);
  }

  @Get(':container')
  async list(@Swift() r: SwiftRequest, @Res() res: Response): Promise<void> {
    sendReply(res, await this.containers.list(r), false);
  }

  @Put(':container')
  async put(@Swift() r: SwiftRequest, @Res() res: Response): Promise<void> {
    sendReply(res, await this.containers.put(r), false);
  }

  @Post(':container')
  async post(@Swift() r: SwiftRequest, @Res() res: Response): Promise<void> {
    sendReply(res, await this.containers.post(r), false);
  }

  @Delete(':container')
  async remove(@Swift() r: SwiftRequest, @Res() res: Response): Promise<void> {
    sendReply(res, await this.containers.delete(r), false);
  }
}
