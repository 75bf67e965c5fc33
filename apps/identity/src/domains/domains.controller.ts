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
import { pageRequest, queryBool, stringFilters, type Query as Q } from '../shared/list-filter.js';
import { domainJson } from './domain.presenter.js';
import { createDomainSchema, updateDomainSchema } from './domains.schemas.js';
import { DomainsService } from './domains.service.js';

@Controller('v3/domains')
export class DomainsController {
  constructor(
    @Inject(DomainsService) private readonly domains: DomainsService,
    @Inject(Links) private readonly links: Links,
  ) {}

  @Get()
  async list(@Caller() caller: AuthContext, @Query() q: Q, @Req() req: Request) {
    const page = await this.domains.list(
      caller,
      { name: stringFilters(q, 'name'), enabled: queryBool(q, 'enabled') },
      pageRequest(q),
    );
    return {
      domains: page.items.map((d) => domainJson(d, this.links.base)),
      links: this.links.list(req, page.nextMarker),
    };
  }

  @Post()
  @HttpCode(201)
  async create(@Caller() caller: AuthContext, @Body() body: unknown) {
    return {
      domain: domainJson(
        await this.domains.create(caller, parseInput(createDomainSchema, body).domain),
        this.links.base,
      ),
    };
  }

  @Get(':id')
  async get(@Caller() caller: AuthContext, @Param('id') id: string) {
    return { domain: domainJson(await this.domains.get(caller, id), this.links.base) };
  }

  @Patch(':id')
  async update(@Caller() caller: AuthContext, @Param('id') id: string, @Body() body: unknown) {
    return {
      domain: domainJson(
        await this.domains.update(caller, id, parseInput(updateDomainSchema, body).domain),
        this.links.base,
      ),
    };
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Caller() caller: AuthContext, @Param('id') id: string): Promise<void> {
    await this.domains.delete(caller, id);
  }
}
