import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query, type Type } from '@nestjs/common';
import { Caller, type AuthContext } from '@tinystack/auth';
import type { z } from 'zod';
import { envelope } from './body.js';
import { listResponse, pickFields, type RawQuery, type View } from './list-query.js';
import { PublicUrl } from './public-url.js';

/** What a Neutron resource's service offers the REST edge. */
export interface CrudService<V extends View, C, U> {
  create(caller: AuthContext, body: C): Promise<V>;
  list(caller: AuthContext): Promise<V[]>;
  get(caller: AuthContext, id: string): Promise<V>;
  update(caller: AuthContext, id: string, body: U): Promise<V>;
  delete(caller: AuthContext, id: string): Promise<void>;
}

export interface CrudSpec<V extends View, CS extends z.ZodType, US extends z.ZodType> {
  /** Collection key of list bodies, e.g. `security_groups`. */
  readonly collection: string;
  /** URL path under /v2.0 when it differs from the collection key, e.g. `security-groups`. */
  readonly path?: string;
  /** Member key of request and response bodies, e.g. `network`. */
  readonly member: string;
  readonly service: Type<CrudService<V, z.infer<CS>, z.infer<US>>>;
  readonly create: CS;
  readonly update: US;
}

/**
 * The REST controller of one Neutron resource: POST (201), GET list (filters, paging,
 * fields), GET one, PUT, DELETE (204). Every resource has exactly this shape; what differs
 * lives in its service and schemas.
 */
export function crudController<V extends View, CS extends z.ZodType, US extends z.ZodType>(spec: CrudSpec<V, CS, US>): Type<unknown> {
  @Controller(`v2.0/${spec.path ?? spec.collection}`)
  class ResourceRestController {
    constructor(
      @Inject(spec.service) readonly service: CrudService<V, z.infer<CS>, z.infer<US>>,
      @Inject(PublicUrl) readonly url: PublicUrl,
    ) {}

    @Post()
    @HttpCode(201)
    async create(@Caller() caller: AuthContext, @Body() body: unknown) {
      return { [spec.member]: await this.service.create(caller, envelope(spec.member, spec.create, body)) };
    }

    @Get()
    async list(@Caller() caller: AuthContext, @Query() query: RawQuery) {
      return listResponse(spec.collection, await this.service.list(caller), query, `${this.url.base}/v2.0/${spec.path ?? spec.collection}`);
    }

    @Get(':id')
    async show(@Caller() caller: AuthContext, @Param('id') id: string, @Query() query: RawQuery) {
      return { [spec.member]: pickFields(await this.service.get(caller, id), query) };
    }

    @Put(':id')
    async update(@Caller() caller: AuthContext, @Param('id') id: string, @Body() body: unknown) {
      return { [spec.member]: await this.service.update(caller, id, envelope(spec.member, spec.update, body)) };
    }

    @Delete(':id')
    @HttpCode(204)
    async remove(@Caller() caller: AuthContext, @Param('id') id: string): Promise<void> {
      await this.service.delete(caller, id);
    }
  }
  Object.defineProperty(ResourceRestController, 'name', { value: `${spec.member}RestController` });
  return ResourceRestController;
}
