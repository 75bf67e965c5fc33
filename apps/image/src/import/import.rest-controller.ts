import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Req, Res } from '@nestjs/common';
import { Caller, RequireRole, type AuthContext } from '@tinystack/auth';
import type { Request, Response } from 'express';
import { consumingUpload, contentLengthOf, requireOctetStream, storeHeader } from '../image-data/upload-request.js';
import { checkStore, IMPORT_METHODS, parseImportRequest, STORES } from './import.input.js';
import { ImportService } from './import.service.js';

/** The interoperable import: discovery (/v2/info/*), PUT /stage and POST /import. */
@Controller('v2')
@RequireRole('reader')
export class ImportRestController {
  constructor(@Inject(ImportService) private readonly imports: ImportService) {}

  @Get('info/import')
  info() {
    return { 'import-methods': { description: 'Import methods available.', type: 'array', value: [...IMPORT_METHODS] } };
  }

  @Get('info/stores')
  stores() {
    return { stores: STORES };
  }

  @Put('images/:id/stage')
  @HttpCode(204)
  async stage(
    @Caller() c: AuthContext,
    @Param('id') id: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await consumingUpload(req, res, async () => {
      requireOctetStream(req);
      checkStore(storeHeader(req));
      await this.imports.stage(c, id, req, contentLengthOf(req));
    });
  }

  @Post('images/:id/import')
  @HttpCode(202)
  async import(@Caller() c: AuthContext, @Param('id') id: string, @Req() req: Request, @Body() body: unknown) {
    parseImportRequest(body);
    checkStore(storeHeader(req));
    await this.imports.importStaged(c, id);
    return '';
  }
}
