import { Controller, Copy, Delete, Get, Head, Inject, Post, Put, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '@tinystack/auth';
import { sendReply } from '../shared/swift-reply.js';
import { Swift, type SwiftRequest } from '../shared/swift-request.js';
import { ObjectsReadService } from './objects-read.service.js';
import { ObjectsWriteService } from './objects-write.service.js';

/** `/v1/<account>/<container>/<object...>`; bodies stay raw streams (no body parser). */
@Public()
@Controller('v1/:account/:container')
export class ObjectsController {
  constructor(
    @Inject(ObjectsReadService) private readonly reads: ObjectsReadService,
    @Inject(ObjectsWriteService) private readonly writes: ObjectsWriteService,
  ) {}

  @Head('*object')
  async head(@Swift() r: SwiftRequest, @Res() res: Response): Promise<void> {
    sendReply(res, await this.reads.read(r), true);
  }

  @Get('*object')
  async get(@Swift() r: SwiftRequest, @Res() res: Response): Promise<void> {
    sendReply(res, await this.reads.read(r), false);
  }

  @Put('*object')
  async put(@Swift() r: SwiftRequest, @Res() res: Response): Promise<void> {
    sendReply(res, await this.writes.put(r), false);
  }

  @Post('*object')
  async post(@Swift() r: SwiftRequest, @Res() res: Response): Promise<void> {
    sendReply(res, await this.writes.post(r), false);
  }

  @Copy('*object')
  async copy(@Swift() r: SwiftRequest, @Res() res: Response): Promise<void> {
    sendReply(res, await this.writes.copy(r), false);
  }

  @Delete('*object')
  async remove(@Swift() r: SwiftRequest, @Res() res: Response): Promise<void> {
    sendReply(res, await this.writes.delete(r), false);
  }
}
