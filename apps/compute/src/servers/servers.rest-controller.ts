import { Controller, Delete, Get, Headers, HttpCode, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import { Caller, type AuthContext } from '@tinystack/auth';
import type { Response } from 'express';
import type { ApiVersion } from '../http/api-version.js';
import { Links } from '../http/links.js';
import { Version, VersionedBody } from '../http/versioned.decorators.js';
import { isAdmin } from '../shared/policy.js';
import { isFullPage, type RawQuery } from '../shared/query.js';
import { CREATE_SERVER_SCHEMAS, UPDATE_SERVER_SCHEMAS, type CreateServerBody, type UpdateServerBody } from './server-create.schemas.js';
import { ServerCreateService } from './server-create.service.js';
import { parseServerListQuery } from './server-list.query.js';
import { ServerView, type ViewOptions } from './server.view.js';
import { ServersService, type ServerRecord } from './servers.service.js';

/** /v2.1/servers: create, list, detail, show, update, delete. */
@Controller('v2.1/servers')
export class ServersRestController {
  constructor(
    @Inject(ServersService) private readonly servers: ServersService,
    @Inject(ServerCreateService) private readonly creator: ServerCreateService,
    @Inject(Links) private readonly links: Links,
  ) {}

  @Post()
  @HttpCode(202)
  async create(
    @Caller() caller: AuthContext,
    @Headers('x-auth-token') token: string,
    @VersionedBody(CREATE_SERVER_SCHEMAS) body: CreateServerBody,
    @Version() version: ApiVersion,
    @Res({ passthrough: true }) res: Response,
  ) {
    const created = await this.creator.create(caller, token, body.server, version);
    if (body.server.return_reservation_id) {
      return { reservation_id: created.reservationId };
    }
    const first = created.servers[0];
    const self = first ? this.links.resource('servers', first.id)[0]?.href : undefined;
    if (self) {
      res.setHeader('Location', self);
    }
    return {
      server: first && {
        id: first.id,
        links: this.links.resource('servers', first.id),
        'OS-DCF:diskConfig': first.diskConfig,
        ...(first.networkMode !== 'none' ? { security_groups: [{ name: 'default' }] } : {}),
      },
    };
  }

  @Get()
  list(@Caller() caller: AuthContext, @Query() query: RawQuery, @Version() version: ApiVersion) {
    return this.listing(caller, query, version, false);
  }

  @Get('detail')
  detail(@Caller() caller: AuthContext, @Query() query: RawQuery, @Version() version: ApiVersion) {
    return this.listing(caller, query, version, true);
  }

  @Get(':id')
  async show(@Caller() caller: AuthContext, @Param('id') id: string, @Version() version: ApiVersion) {
    return { server: await this.present(caller, await this.servers.get(caller, id), version, { single: true }) };
  }

  @Put(':id')
  async update(
    @Caller() caller: AuthContext,
    @Param('id') id: string,
    @VersionedBody(UPDATE_SERVER_SCHEMAS) body: UpdateServerBody,
    @Version() version: ApiVersion,
  ) {
    const record = await this.servers.update(caller, id, body.server);
    return { server: await this.present(caller, record, version, { single: true, compact: true }) };
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Caller() caller: AuthContext, @Param('id') id: string): Promise<void> {
    await this.servers.delete(caller, id);
  }

  private async listing(caller: AuthContext, query: RawQuery, version: ApiVersion, detailed: boolean) {
    const admin = isAdmin(caller);
    const params = parseServerListQuery(query, version, admin);
    const records = await this.servers.list(caller, params);
    const view = new ServerView(this.links, version, admin, admin ? await this.servers.hostStatuses() : undefined);
    const last = records[records.length - 1];
    return {
      servers: records.map((r) => (detailed ? view.detail(r.server, r.extras) : view.basic(r.server))),
      ...(last && isFullPage(params.page, records.length)
        ? { servers_links: this.links.next(detailed ? 'servers/detail' : 'servers', query, last.server.id) }
        : {}),
    };
  }

  private async present(caller: AuthContext, record: ServerRecord, version: ApiVersion, opts: ViewOptions) {
    const admin = isAdmin(caller);
    const view = new ServerView(this.links, version, admin, admin ? await this.servers.hostStatuses() : undefined);
    return view.detail(record.server, record.extras, opts);
  }
}
