import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put, Res } from '@nestjs/common';
import { Caller, type AuthContext } from '@tinystack/auth';
import { notFound } from '@tinystack/errors';
import { parseInput } from '@tinystack/http';
import type { Response } from 'express';
import { z } from 'zod';
import type { ApiVersion } from '../http/api-version.js';
import { Links } from '../http/links.js';
import { Version } from '../http/versioned.decorators.js';
import { serverTag } from './server-create.schemas.js';
import { ServerTagsService } from './server-tags.service.js';

const tagsBody = z.object({ tags: z.array(serverTag) }).strict();

function since226(version: ApiVersion): void {
  if (version.before('2.26')) {
    throw notFound('The resource could not be found.');
  }
}

/** /v2.1/servers/{id}/tags (2.26). */
@Controller('v2.1/servers/:id/tags')
export class ServerTagsRestController {
  constructor(
    @Inject(ServerTagsService) private readonly tags: ServerTagsService,
    @Inject(Links) private readonly links: Links,
  ) {}

  @Get()
  async list(@Caller() caller: AuthContext, @Param('id') id: string, @Version() version: ApiVersion) {
    since226(version);
    return { tags: await this.tags.list(caller, id) };
  }

  @Put()
  async replace(@Caller() caller: AuthContext, @Param('id') id: string, @Body() raw: unknown, @Version() version: ApiVersion) {
    since226(version);
    return { tags: await this.tags.replace(caller, id, parseInput(tagsBody, raw).tags) };
  }

  @Delete()
  @HttpCode(204)
  async clear(@Caller() caller: AuthContext, @Param('id') id: string, @Version() version: ApiVersion): Promise<void> {
    since226(version);
    await this.tags.clear(caller, id);
  }

  @Get(':tag')
  @HttpCode(204)
  async has(@Caller() caller: AuthContext, @Param('id') id: string, @Param('tag') tag: string, @Version() version: ApiVersion): Promise<void> {
    since226(version);
    await this.tags.has(caller, id, tag);
  }

  /** 201 with a Location for a new tag, 204 when it was there. */
  @Put(':tag')
  async add(
    @Caller() caller: AuthContext,
    @Param('id') id: string,
    @Param('tag') tag: string,
    @Version() version: ApiVersion,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    since226(version);
    const created = await this.tags.add(caller, id, parseInput(serverTag, tag));
    res.status(created ? 201 : 204);
    if (created) {
      res.setHeader('Location', `${this.links.resource('servers', id)[0]?.href ?? ''}/tags/${encodeURIComponent(tag)}`);
    }
  }

  @Delete(':tag')
  @HttpCode(204)
  async remove(@Caller() caller: AuthContext, @Param('id') id: string, @Param('tag') tag: string, @Version() version: ApiVersion): Promise<void> {
    since226(version);
    await this.tags.remove(caller, id, tag);
  }
}
