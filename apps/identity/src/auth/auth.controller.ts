import { Body, Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { Caller, Public, type AuthContext } from '@tinystack/auth';
import { parseInput } from '@tinystack/http';
import type { Request, Response } from 'express';
import { domainJson } from '../domains/domain.presenter.js';
import { Links } from '../http/links.js';
import { projectJson } from '../projects/project.presenter.js';
import { queryBool } from '../shared/list-filter.js';
import { TokenBodyService } from '../tokens/token-body.service.js';
import { authRequestSchema } from './auth.schemas.js';
import { AuthScopesService } from './auth-scopes.service.js';
import { AuthService } from './auth.service.js';

@Controller('v3/auth')
export class AuthController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(AuthScopesService) private readonly scopes: AuthScopesService,
    @Inject(TokenBodyService) private readonly body: TokenBodyService,
    @Inject(Links) private readonly links: Links,
  ) {}

  /** Issue a token (201, X-Subject-Token). */
  @Post('tokens')
  @Public()
  async issue(
    @Body() raw: unknown,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const { token, ctx } = await this.auth.issue(parseInput(authRequestSchema, raw));
    const body = await this.body.build(ctx, { catalog: queryBool(query, 'nocatalog') !== true });
    res.status(201).set({ 'X-Subject-Token': token, Vary: 'X-Auth-Token' }).json(body);
  }

  @Get('catalog')
  async catalog(@Caller() caller: AuthContext, @Req() req: Request) {
    return { catalog: await this.scopes.catalogOf(caller), links: this.links.list(req) };
  }

  @Get('projects')
  async projects(@Caller() caller: AuthContext, @Req() req: Request) {
    const projects = await this.scopes.projectsOf(caller.userId);
    return {
      projects: projects.map((p) => projectJson(p, this.links.base)),
      links: this.links.list(req),
    };
  }

  @Get('domains')
  async domains(@Caller() caller: AuthContext, @Req() req: Request) {
    const domains = await this.scopes.domainsOf(caller.userId);
    return {
      domains: domains.map((d) => domainJson(d, this.links.base)),
      links: this.links.list(req),
    };
  }
}
