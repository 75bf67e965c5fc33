import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { Caller, type AuthContext } from '@tinystack/auth';
import { badRequest } from '@tinystack/errors';
import { parseInput } from '@tinystack/http';
import { z } from 'zod';
import { metadataObject } from '../shared/schema-types.js';
import { ServerMetadataService } from './server-metadata.service.js';

const metadataBody = z.object({ metadata: metadataObject }).strict();
const metaBody = z.object({ meta: metadataObject }).strict();

/** /v2.1/servers/{id}/metadata. */
@Controller('v2.1/servers/:id/metadata')
export class ServerMetadataRestController {
  constructor(@Inject(ServerMetadataService) private readonly metadata: ServerMetadataService) {}

  @Get()
  async list(@Caller() caller: AuthContext, @Param('id') id: string) {
    return { metadata: await this.metadata.all(caller, id) };
  }

  @Post()
  @HttpCode(200)
  async merge(@Caller() caller: AuthContext, @Param('id') id: string, @Body() raw: unknown) {
    return { metadata: await this.metadata.set(caller, id, parseInput(metadataBody, raw).metadata, false) };
  }

  @Put()
  async replace(@Caller() caller: AuthContext, @Param('id') id: string, @Body() raw: unknown) {
    return { metadata: await this.metadata.set(caller, id, parseInput(metadataBody, raw).metadata, true) };
  }

  @Get(':key')
  async show(@Caller() caller: AuthContext, @Param('id') id: string, @Param('key') key: string) {
    return { meta: { [key]: await this.metadata.one(caller, id, key) } };
  }

  @Put(':key')
  async setOne(@Caller() caller: AuthContext, @Param('id') id: string, @Param('key') key: string, @Body() raw: unknown) {
    const meta = parseInput(metaBody, raw).meta;
    const keys = Object.keys(meta);
    if (keys.length > 1) {
      throw badRequest('Request body contains too many items');
    }
    if (keys[0] !== key) {
      throw badRequest('Request body and URI mismatch');
    }
    await this.metadata.set(caller, id, meta, false);
    return { meta };
  }

  @Delete(':key')
  @HttpCode(204)
  async remove(@Caller() caller: AuthContext, @Param('id') id: string, @Param('key') key: string): Promise<void> {
    await this.metadata.remove(caller, id, key);
  }
}
