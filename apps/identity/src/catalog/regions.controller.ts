import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
} from '@nestjs/common';
import { Caller, type AuthContext } from '@tinystack/auth';
import { parseInput } from '@tinystack/http';
import type { Request } from 'express';
import { Links } from '../http/links.js';
import { pageRequest, queryString, type Query as Q } from '../shared/list-filter.js';
import { regionJson } from './catalog.presenter.js';
import { createRegionSchema, updateRegionSchema } from './catalog.schemas.js';
import { RegionsService } from './regions.service.js';

@Controller('v3/regions')
export class RegionsController {
  constructor(
    @Inject(RegionsService) private readonly regions: RegionsService,
    @Inject(Links) private readonly links: Links,
  ) {}

  @Get()
  async list(@Query() q: Q, @Req() req: Request) {
    const page = await this.regions.list(queryString(q, 'parent_region_id'), pageRequest(q));
    return {
      regions: page.items.map((r) => regionJson(r, this.links.base)),
      links: this.links.list(req, page.nextMarker),
    };
  }

  @Post()
  @HttpCode(201)
  async create(@Caller() caller: AuthContext, @Body() body: unknown) {
    return {
      region: regionJson(
        await this.regions.create(caller, parseInput(createRegionSchema, body).region),
        this.links.base,
      ),
    };
  }

  @Put(':id')
  @HttpCode(201)
  async createWithId(
    @Caller() caller: AuthContext,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return {
      region: regionJson(
        await this.regions.create(caller, parseInput(createRegionSchema, body).region, id),
        this.links.base,
      ),
    };
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    return { region: regionJson(await this.regions.get(id), this.links.base) };
  }

  @Patch(':id')
  async update(@Caller() caller: AuthContext, @Param('id') id: string, @Body() body: unknown) {
    return {
      region: regionJson(
        await this.regions.update(caller, id, parseInput(updateRegionSchema, body).region),
        this.links.base,
      ),
    };
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Caller() caller: AuthContext, @Param('id') id: string): Promise<void> {
    await this.regions.delete(caller, id);
  }
}
