import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { Caller, type AuthContext } from '@tinystack/auth';
import { badRequest, notFound } from '@tinystack/errors';
import type { ApiVersion } from '../http/api-version.js';
import { Links } from '../http/links.js';
import { Version } from '../http/versioned.decorators.js';
import { ServerAccess } from '../servers/server-access.service.js';
import { isAdmin } from '../shared/policy.js';
import { isFullPage, MAX_LIMIT, pageOf, queryValue, type RawQuery } from '../shared/query.js';
import { parseIsoTime } from '../shared/time.js';
import { InstanceActionView } from './instance-action.view.js';
import { InstanceActionsRepository } from './instance-actions.repository.js';

function timeParam(query: RawQuery, key: string): number | undefined {
  const text = queryValue(query, key);
  if (text === undefined) {
    return undefined;
  }
  const ms = parseIsoTime(text);
  if (ms === undefined) {
    throw badRequest(`Invalid input for query parameters ${key}. Value: ${text}.`);
  }
  return ms;
}

/** /v2.1/servers/{id}/os-instance-actions: what was done to a server, newest first. */
@Controller('v2.1/servers/:serverId/os-instance-actions')
export class InstanceActionsRestController {
  constructor(
    @Inject(ServerAccess) private readonly access: ServerAccess,
    @Inject(InstanceActionsRepository) private readonly repo: InstanceActionsRepository,
    @Inject(Links) private readonly links: Links,
  ) {}

  @Get()
  async list(@Caller() caller: AuthContext, @Param('serverId') serverId: string, @Query() query: RawQuery, @Version() version: ApiVersion) {
    const server = version.atLeast('2.21') ? await this.access.readableAny(caller, serverId) : await this.access.readable(caller, serverId);
    const paged = version.atLeast('2.58');
    const page = paged ? pageOf(query) : { limit: MAX_LIMIT, explicit: false, marker: undefined };
    const marker = page.marker !== undefined ? await this.repo.byRequest(server.id, page.marker) : undefined;
    if (page.marker !== undefined && !marker) {
      throw badRequest(`Marker ${page.marker} could not be found.`);
    }
    const found = await this.repo.list(server.id, {
      limit: page.limit,
      changesSince: paged ? timeParam(query, 'changes-since') : undefined,
      changesBefore: version.atLeast('2.66') ? timeParam(query, 'changes-before') : undefined,
      marker: marker ?? undefined,
    });
    const view = new InstanceActionView(version, isAdmin(caller));
    const last = found[found.length - 1];
    return {
      instanceActions: found.map((a) => view.action(a)),
      ...(paged && last && isFullPage(page, found.length)
        ? { links: this.links.next(`servers/${server.id}/os-instance-actions`, query, last.requestId) }
        : {}),
    };
  }

  @Get(':requestId')
  async show(
    @Caller() caller: AuthContext,
    @Param('serverId') serverId: string,
    @Param('requestId') requestId: string,
    @Version() version: ApiVersion,
  ) {
    const server = version.atLeast('2.21') ? await this.access.readableAny(caller, serverId) : await this.access.readable(caller, serverId);
    const action = await this.repo.byRequest(server.id, requestId);
    if (!action) {
      throw notFound(`Action for request_id ${requestId} on instance ${server.id} not found`);
    }
    const events = await this.repo.eventsOf(action.id);
    return { instanceAction: new InstanceActionView(version, isAdmin(caller)).withEvents(action, events) };
  }
}
