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
import { pageRequest, queryString, type Query as Q } from '../shared/list-filter.js';
import { endpointJson } from './catalog.presenter.js';
import { createEndpointSchema, updateEndpointSchema } from './catalog.schemas.js';
import { EndpointsService } from './endpoints.service.js';

@Controller('v3/endpoints')
export class EndpointsController {
  constructor(
    @Inject(EndpointsService) private readonly endpoints: EndpointsService,
    @Inject(Links) private readonly links: Links,
  ) {}

  @Get()
  async list(@Caller() caller: AuthContext, @Query() q: Q, @Req() req: Request) {
    const filter = {
      interface: queryString(q, 'interface'),
      serviceId: queryString(q, 'service_id'),
      regionId: queryString(q, 'region_id'),
    };
    const page = await this.endpoints.list(caller, filter, pageRequest(q));
    return {
      endpoints: page.items.map((e) => endpointJson(e, this.links.base)),
      links: this.links.list(req, page.nextMarker),
    };
  }

  @Post()
  @HttpCode(201)
  async create(@Caller() caller: AuthContext, @Body() body: unknown) {
    return {
      endpoint: endpointJson(
        await this.endpoints.create(caller, parseInput(createEndpointSchema, body).endpoint),
        this.links.base,
      ),
    };
  }

  @Get(':id')
  async get(@Caller() caller: AuthContext, @Param('id') id: string) {
    return { endpoint: endpointJson(await this.endpoints.get(caller, id), this.links.base) };
  }

  @Patch(':id')
  async update(@Caller() caller: AuthContext, @Param('id') id: string, @Body() body: unknown) {
    return {
      endpoint: endpointJson(
        await this.endpoints.update(caller, id, parseInput(updateEndpointSchema, body).endpoint),
        this.links.base,
      ),
    };
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Caller() caller: AuthContext, @Param('id') id: string): Promise<void> {
    await this.endpoints.delete(caller, id);
  }
}
