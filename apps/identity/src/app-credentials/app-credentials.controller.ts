import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { Caller, type AuthContext } from '@tinystack/auth';
import { parseInput } from '@tinystack/http';
import type { Request } from 'express';
import { Links } from '../http/links.js';
import { RolesRepository } from '../roles/roles.repository.js';
import { stringFilters, type Query as Q } from '../shared/list-filter.js';
import { appCredentialJson } from './app-credential.presenter.js';
import { createAppCredentialSchema } from './app-credentials.schemas.js';
import { AppCredentialsService } from './app-credentials.service.js';

@Controller('v3/users/:userId/application_credentials')
export class AppCredentialsController {
  constructor(
    @Inject(AppCredentialsService) private readonly creds: AppCredentialsService,
    @Inject(RolesRepository) private readonly roles: RolesRepository,
    @Inject(Links) private readonly links: Links,
  ) {}

  @Post()
  @HttpCode(201)
  async create(
    @Caller() caller: AuthContext,
    @Param('userId') userId: string,
    @Body() body: unknown,
  ) {
    const { cred, secret } = await this.creds.create(
      caller,
      userId,
      parseInput(createAppCredentialSchema, body).application_credential,
    );
    return {
      application_credential: appCredentialJson(
        cred,
        (await this.roles.graph()).roles,
        this.links.base,
        secret,
      ),
    };
  }

  @Get()
  async list(
    @Caller() caller: AuthContext,
    @Param('userId') userId: string,
    @Query() q: Q,
    @Req() req: Request,
  ) {
    const creds = await this.creds.list(caller, userId, stringFilters(q, 'name'));
    const roles = (await this.roles.graph()).roles;
    return {
      application_credentials: creds.map((c) => appCredentialJson(c, roles, this.links.base)),
      links: this.links.list(req),
    };
  }

  @Get(':id')
  async get(
    @Caller() caller: AuthContext,
    @Param('userId') userId: string,
    @Param('id') id: string,
  ) {
    const cred = await this.creds.get(caller, userId, id);
    return {
      application_credential: appCredentialJson(
        cred,
        (await this.roles.graph()).roles,
        this.links.base,
      ),
    };
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(
    @Caller() caller: AuthContext,
    @Param('userId') userId: string,
    @Param('id') id: string,
  ): Promise<void> {
    await this.creds.delete(caller, userId, id);
  }
}
