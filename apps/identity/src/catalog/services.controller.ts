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
  Query,
  Req,
} from '@nestjs/common';
import { Caller, type AuthContext } from '@tinystack/auth';
import { parseInput } from '@tinystack/http';
import type { Request } from 'express';
import { Links } from '../http/links.js';
import { pageRequest, queryString, stringFilters, type Query as Q } from '../shared/list-filter.js';
import { serviceJson } from './catalog.presenter.js';
import { createServiceSchema, updateServiceSchema } from './catalog.schemas.js';
import { ServicesService } from './services.service.js';

@Controller('v3/services')
export class ServicesController {
  constructor(
    @Inject(ServicesService) private readonly services: ServicesService,
    @Inject(Links) private readonly links: Links,
  ) {}

  @Get()
  async list(@Caller() caller: AuthContext, @Query() q: Q, @Req() req: Request) {
    const page = await this.services.list(
      caller,
      { type: queryString(q, 'type'), name: stringFilters(q, 'name') },
      pageRequest(q),
    );
    return {
      services: page.items.map((s) => serviceJson(s, this.links.base)),
      links: this.links.list(req, page.nextMarker),
    };
  }

  @Post()
  @HttpCode(201)
  async create(@Caller() caller: AuthContext, @Body() body: unknown) {
    return {
      service: serviceJson(
        await this.services.create(caller, parseInput(createServiceSchema, body).service),
        this.links.base,
      ),
    };
  }

  @Get(':id')
  async get(@Caller() caller: AuthContext, @Param('id') id: string) {
    return { service: serviceJson(await this.services.get(caller, id), this.links.base) };
  }

  @Patch(':id')
  async update(@Caller() caller: AuthContext, @Param('id') id: string, @Body() body: unknown) {
    return {
      service: serviceJson(
        await this.services.update(caller, id, parseInput(updateServiceSchema, body).service),
        this.links.base,
      ),
    };
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Caller() caller: AuthContext, @Param('id') id: string): Promise<void> {
    await this.services.delete(caller, id);
  }
}
