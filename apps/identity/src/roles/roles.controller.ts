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
import type { RoleEntity } from './role.entity.js';
import { roleJson, roleRefJson } from './role.presenter.js';
import { createRoleSchema, updateRoleSchema } from './roles.schemas.js';
import { RolesService } from './roles.service.js';

@Controller('v3')
export class RolesController {
  constructor(
    @Inject(RolesService) private readonly roles: RolesService,
    @Inject(Links) private readonly links: Links,
  ) {}

  @Get('roles')
  async list(@Caller() caller: AuthContext, @Query() q: Q, @Req() req: Request) {
    const page = await this.roles.list(
      caller,
      { name: stringFilters(q, 'name'), domainId: queryString(q, 'domain_id') },
      pageRequest(q),
    );
    return {
      roles: page.items.map((r) => roleJson(r, this.links.base)),
      links: this.links.list(req, page.nextMarker),
    };
  }

  @Post('roles')
  @HttpCode(201)
  async create(@Caller() caller: AuthContext, @Body() body: unknown) {
    return {
      role: roleJson(
        await this.roles.create(caller, parseInput(createRoleSchema, body).role),
        this.links.base,
      ),
    };
  }

  @Get('roles/:id')
  async get(@Caller() caller: AuthContext, @Param('id') id: string) {
    return { role: roleJson(await this.roles.get(caller, id), this.links.base) };
  }

  @Patch('roles/:id')
  async update(@Caller() caller: AuthContext, @Param('id') id: string, @Body() body: unknown) {
    return {
      role: roleJson(
        await this.roles.update(caller, id, parseInput(updateRoleSchema, body).role),
        this.links.base,
      ),
    };
  }

  @Delete('roles/:id')
  @HttpCode(204)
  async delete(@Caller() caller: AuthContext, @Param('id') id: string): Promise<void> {
    await this.roles.delete(caller, id);
  }

  @Get('role_inferences')
  async inferences(@Caller() caller: AuthContext, @Req() req: Request) {
    const all = await this.roles.implications(caller);
    return {
      role_inferences: all.map(([p, i]) => this.inference(p, i)),
      links: this.links.list(req),
    };
  }

  @Get('roles/:prior/implies')
  async implied(@Caller() caller: AuthContext, @Param('prior') prior: string, @Req() req: Request) {
    const [one] = await this.roles.implications(caller, prior);
    const [p, i] = one ?? [await this.roles.get(caller, prior), []];
    return { role_inference: this.inference(p, i), links: this.links.list(req) };
  }

  @Put('roles/:prior/implies/:implied')
  @HttpCode(201)
  async imply(
    @Caller() caller: AuthContext,
    @Param('prior') prior: string,
    @Param('implied') implied: string,
  ) {
    const [p, i] = await this.roles.imply(caller, prior, implied);
    return {
      role_inference: {
        prior_role: roleRefJson(p, this.links.base),
        implies: roleRefJson(i, this.links.base),
      },
    };
  }

  @Head('roles/:prior/implies/:implied')
  @HttpCode(204)
  async checkImplication(
    @Caller() caller: AuthContext,
    @Param('prior') prior: string,
    @Param('implied') implied: string,
  ): Promise<void> {
    await this.roles.getImplication(caller, prior, implied);
  }

  @Get('roles/:prior/implies/:implied')
  async getImplication(
    @Caller() caller: AuthContext,
    @Param('prior') prior: string,
    @Param('implied') implied: string,
  ) {
    const [p, i] = await this.roles.getImplication(caller, prior, implied);
    return {
      role_inference: {
        prior_role: roleRefJson(p, this.links.base),
        implies: roleRefJson(i, this.links.base),
      },
    };
  }

  @Delete('roles/:prior/implies/:implied')
  @HttpCode(204)
  async unimply(
    @Caller() caller: AuthContext,
    @Param('prior') prior: string,
    @Param('implied') implied: string,
  ): Promise<void> {
    await this.roles.unimply(caller, prior, implied);
  }

  private inference(prior: RoleEntity, implied: RoleEntity[]) {
    return {
      prior_role: roleRefJson(prior, this.links.base),
      implies: implied.map((r) => roleRefJson(r, this.links.base)),
    };
  }
}
