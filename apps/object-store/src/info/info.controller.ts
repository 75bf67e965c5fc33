import { Controller, Get, Head, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '@tinystack/auth';
import { jsonReply, sendReply } from '../shared/swift-reply.js';
import { CAPABILITIES } from './info.js';

/** Swift's discoverability endpoint, read by `swift capabilities`, uploads and deletes. */
@Public()
@Controller('info')
export class InfoController {
  @Head()
  head(@Res() res: Response): void {
    sendReply(res, jsonReply(200, CAPABILITIES), true);
  }

  @Get()
  get(@Res() res: Response): void {
    sendReply(res, jsonReply(200, CAPABILITIES), false);
  }
}
