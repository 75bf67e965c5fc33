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
import {
  pageRequest,
  queryBool,
  queryString,
  stringFilters,
  type Query as Q,
} from '../shared/list-filter.js';
import { projectJson } from './project.presenter.js';
import { createProjectSchema, updateProjectSchema } from './projects.schemas.js';
import { ProjectsService } from './projects.service.js';

@Controller('v3')
export class ProjectsController {
  constructor(
    @Inject(ProjectsService) private readonly projects: ProjectsService,
    @Inject(Links) private readonly links: Links,
  ) {}

  @Get('projects')
  async list(@Caller() caller: AuthContext, @Query() q: Q, @Req() req: Request) {
    const filter = {
      name: stringFilters(q, 'name'),
      domainId: queryString(q, 'domain_id'),
      parentId: queryString(q, 'parent_id'),
      enabled: queryBool(q, 'enabled'),
      isDomain: queryBool(q, 'is_domain'),
    };
    const page = await this.projects.list(caller, filter, pageRequest(q));
    return {
      projects: page.items.map((p) => projectJson(p, this.links.base)),
      links: this.links.list(req, page.nextMarker),
    };
  }

  @Post('projects')
  @HttpCode(201)
  async create(@Caller() caller: AuthContext, @Body() body: unknown) {
    const p = await this.projects.create(caller, parseInput(createProjectSchema, body).project);
    return { project: projectJson(p, this.links.base) };
  }

  @Get('projects/:id')
  async get(@Caller() caller: AuthContext, @Param('id') id: string) {
    return { project: projectJson(await this.projects.get(caller, id), this.links.base) };
  }

  @Patch('projects/:id')
  async update(@Caller() caller: AuthContext, @Param('id') id: string, @Body() body: unknown) {
    const p = await this.projects.update(caller, id, parseInput(updateProjectSchema, body).project);
    return { project: projectJson(p, this.links.base) };
  }

  @Delete('projects/:id')
  @HttpCode(204)
  async delete(@Caller() caller: AuthContext, @Param('id') id: string): Promise<void> {
    await this.projects.delete(caller, id);
  }

  @Get('users/:userId/projects')
  async listForUser(
    @Caller() caller: AuthContext,
    @Param('userId') userId: string,
    @Req() req: Request,
  ) {
    const projects = await this.projects.listForUser(caller, userId);
    return {
      projects: projects.map((p) => projectJson(p, this.links.base)),
      links: this.links.list(req),
    };
  }
}
