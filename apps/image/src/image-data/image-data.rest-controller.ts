import { pipeline } from 'node:stream/promises';
import { Controller, Get, HttpCode, Inject, Param, Put, Req, Res } from '@nestjs/common';
import { Caller, RequireRole, type AuthContext } from '@tinystack/auth';
import { loggerFor } from '@tinystack/logging';
import type { Request, Response } from 'express';
import { checkStore } from '../import/import.input.js';
import { consumingUpload, contentLengthOf, requireOctetStream, storeHeader } from './upload-request.js';
import { ImageDataService } from './image-data.service.js';

/** /v2/images/{id}/file: upload (streamed in) and download (streamed out, Range, Content-MD5). */
@Controller('v2/images')
@RequireRole('reader')
export class ImageDataRestController {
  private readonly log = loggerFor('ImageDataRestController');

  constructor(@Inject(ImageDataService) private readonly data: ImageDataService) {}

  @Put(':id/file')
  @HttpCode(204)
  async upload(
    @Caller() c: AuthContext,
    @Param('id') id: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await consumingUpload(req, res, async () => {
      requireOctetStream(req);
      checkStore(storeHeader(req));
      await this.data.upload(c, id, req, contentLengthOf(req));
    });
  }

  @Get(':id/file')
  async download(@Caller() c: AuthContext, @Param('id') id: string, @Req() req: Request, @Res() res: Response) {
    const d = await this.data.download(c, id, req.headers.range);
    res.status(d.status);
    for (const [k, v] of Object.entries(d.headers)) {
      res.setHeader(k, v);
    }
    if (!d.body) {
      res.end();
      return;
    }
    await pipeline(d.body, res).catch((err: unknown) => {
      this.log.warn({ imageId: id, err: (err as Error).message }, 'image download interrupted');
    });
  }
}
