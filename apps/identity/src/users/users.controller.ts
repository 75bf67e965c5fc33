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
import { Caller, Public, type AuthContext } from '@tinystack/auth';
import { parseInput } from '@tinystack/http';
import type { Request } from 'express';
import { Links } from '../http/links.js';
import {
  pageRequest,
  queryBool,
  queryString,
  stringFilters,
  type Query as Q,
} from '../shared/list-filter.js';
import { userJson } from './user.presenter.js';
import { changePasswordSchema, createUserSchema, updateUserSchema } from './users.schemas.js';
import { UsersService } from './users.service.js';

@Controller('v3/users')
export class UsersController {
  constructor(
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(Links) private readonly links: Links,
  ) {}

  @Get()
  async list(@Caller() caller: AuthContext, @Query() q: Q, @Req() req: Request) {
    const filter = {
      name: stringFilters(q, 'name'),
      domainId: queryString(q, 'domain_id'),
      enabled: queryBool(q, 'enabled'),
    };
    const page = await this.users.list(caller, filter, pageRequest(q));
    return {
      users: page.items.map((u) => userJson(u, this.links.base)),
      links: this.links.list(req, page.nextMarker),
    };
  }

  @Post()
  @HttpCode(201)
  async create(@Caller() caller: AuthContext, @Body() body: unknown) {
    const u = await this.users.create(caller, parseInput(createUserSchema, body).user);
    return { user: userJson(u, this.links.base) };
  }

  @Get(':id')
  async get(@Caller() caller: AuthContext, @Param('id') id: string) {
    return { user: userJson(await this.users.get(caller, id), this.links.base) };
  }

  @Patch(':id')
  async update(@Caller() caller: AuthContext, @Param('id') id: string, @Body() body: unknown) {
    const u = await this.users.update(caller, id, parseInput(updateUserSchema, body).user);
    return { user: userJson(u, this.links.base) };
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Caller() caller: AuthContext, @Param('id') id: string): Promise<void> {
    await this.users.delete(caller, id);
  }

  /** Public like Keystone's: the original password is the proof (an expired token must not block it). */
  @Post(':id/password')
  @Public()
  @HttpCode(204)
  async changePassword(@Param('id') id: string, @Body() body: unknown): Promise<void> {
    await this.users.changePassword(id, parseInput(changePasswordSchema, body).user);
  }
}
