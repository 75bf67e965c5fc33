import {
  Body,
  Controller,
  Delete,
  Get,
  Head,
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
import { pageRequest, queryString, stringFilters, type Query as Q } from '../shared/list-filter.js';
import { userJson } from '../users/user.presenter.js';
import { groupJson } from './group.presenter.js';
import { createGroupSchema, updateGroupSchema } from './groups.schemas.js';
import { GroupsService } from './groups.service.js';

@Controller('v3')
export class GroupsController {
  constructor(
    @Inject(GroupsService) private readonly groups: GroupsService,
    @Inject(Links) private readonly links: Links,
  ) {}

  @Get('groups')
  async list(@Caller() caller: AuthContext, @Query() q: Q, @Req() req: Request) {
    const page = await this.groups.list(
      caller,
      { name: stringFilters(q, 'name'), domainId: queryString(q, 'domain_id') },
      pageRequest(q),
    );
    return {
      groups: page.items.map((g) => groupJson(g, this.links.base)),
      links: this.links.list(req, page.nextMarker),
    };
  }

  @Post('groups')
  @HttpCode(201)
  async create(@Caller() caller: AuthContext, @Body() body: unknown) {
    return {
      group: groupJson(
        await this.groups.create(caller, parseInput(createGroupSchema, body).group),
        this.links.base,
      ),
    };
  }

  @Get('groups/:id')
  async get(@Caller() caller: AuthContext, @Param('id') id: string) {
    return { group: groupJson(await this.groups.get(caller, id), this.links.base) };
  }

  @Patch('groups/:id')
  async update(@Caller() caller: AuthContext, @Param('id') id: string, @Body() body: unknown) {
    return {
      group: groupJson(
        await this.groups.update(caller, id, parseInput(updateGroupSchema, body).group),
        this.links.base,
      ),
    };
  }

  @Delete('groups/:id')
  @HttpCode(204)
  async delete(@Caller() caller: AuthContext, @Param('id') id: string): Promise<void> {
    await this.groups.delete(caller, id);
  }

  @Get('groups/:id/users')
  async members(
    @Caller() caller: AuthContext,
    @Param('id') id: string,
    @Query() q: Q,
    @Req() req: Request,
  ) {
    const users = await this.groups.members(caller, id, stringFilters(q, 'name'));
    return { users: users.map((u) => userJson(u, this.links.base)), links: this.links.list(req) };
  }

  @Put('groups/:id/users/:userId')
  @HttpCode(204)
  async addMember(
    @Caller() caller: AuthContext,
    @Param('id') id: string,
    @Param('userId') userId: string,
  ): Promise<void> {
    await this.groups.addMember(caller, id, userId);
  }

  @Head('groups/:id/users/:userId')
  @HttpCode(204)
  async checkMember(
    @Caller() caller: AuthContext,
    @Param('id') id: string,
    @Param('userId') userId: string,
  ): Promise<void> {
    await this.groups.checkMember(caller, id, userId);
  }

  @Delete('groups/:id/users/:userId')
  @HttpCode(204)
  async removeMember(
    @Caller() caller: AuthContext,
    @Param('id') id: string,
    @Param('userId') userId: string,
  ): Promise<void> {
    await this.groups.removeMember(caller, id, userId);
  }

  @Get('users/:userId/groups')
  async groupsOfUser(
    @Caller() caller: AuthContext,
    @Param('userId') userId: string,
    @Req() req: Request,
  ) {
    const groups = await this.groups.groupsOfUser(caller, userId);
    return {
      groups: groups.map((g) => groupJson(g, this.links.base)),
      links: this.links.list(req),
    };
  }
}
