import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Req, Res } from '@nestjs/common';
import { Caller, RequireRole, type AuthContext } from '@tinystack/auth';
import type { Request, Response } from 'express';
import { IMAGE_CONFIG, publicUrlOf, type ImageConfig } from '../config.js';
import { parseCreateImage } from './image-create.input.js';
import { parseListQuery } from './image-list.params.js';
import { parseImagePatch } from './image-patch.input.js';
import { toImageView } from './image.view.js';
import { ImagesService, type ImagePage } from './images.service.js';

/** Import methods advertised on create, as Glance's OpenStack-image-import-methods header. */
export const IMPORT_METHODS = ['glance-direct'];

function queryOf(req: Request): URLSearchParams {
  return new URL(req.originalUrl, 'http://localhost').searchParams;
}

/** Glance's list body: images, first, schema, and next while more follow. */
function listBody(page: ImagePage, query: URLSearchParams): Record<string, unknown> {
  const params = new URLSearchParams(query);
  params.delete('marker');
  const rest = params.toString();
  const body: Record<string, unknown> = {
    images: page.images.map(toImageView),
    first: rest ? `/v2/images?${rest}` : '/v2/images',
    schema: '/v2/schemas/images',
  };
  if (page.nextMarker) {
    params.set('marker', page.nextMarker);
    body['next'] = `/v2/images?${params.toString()}`;
  }
  return body;
}

/** /v2/images: create, list, show, JSON-patch update, delete, deactivate / reactivate. */
@Controller('v2/images')
@RequireRole('reader')
export class ImagesRestController {
  constructor(
    @Inject(ImagesService) private readonly images: ImagesService,
    @Inject(IMAGE_CONFIG) private readonly config: ImageConfig,
  ) {}

  @Post()
  @HttpCode(201)
  async create(@Caller() c: AuthContext, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const image = await this.images.create(c, parseCreateImage(body));
    res.setHeader('Location', `${publicUrlOf(this.config)}/v2/images/${image.id}`);
    res.setHeader('OpenStack-image-import-methods', IMPORT_METHODS.join(','));
    return toImageView(image);
  }

  @Get()
  async list(@Caller() c: AuthContext, @Req() req: Request) {
    const query = queryOf(req);
    return listBody(await this.images.list(c, parseListQuery(query)), query);
  }

  @Get(':id')
  async show(@Caller() c: AuthContext, @Param('id') id: string) {
    return toImageView(await this.images.get(c, id));
  }

  @Patch(':id')
  async update(@Caller() c: AuthContext, @Param('id') id: string, @Req() req: Request, @Body() body: unknown) {
    return toImageView(await this.images.update(c, id, parseImagePatch(req.headers['content-type'], body)));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Caller() c: AuthContext, @Param('id') id: string): Promise<void> {
    await this.images.delete(c, id);
  }

  @Post(':id/actions/deactivate')
  @HttpCode(204)
  async deactivate(@Caller() c: AuthContext, @Param('id') id: string): Promise<void> {
    await this.images.deactivate(c, id);
  }

  @Post(':id/actions/reactivate')
  @HttpCode(204)
  async reactivate(@Caller() c: AuthContext, @Param('id') id: string): Promise<void> {
    await this.images.reactivate(c, id);
  }
}
