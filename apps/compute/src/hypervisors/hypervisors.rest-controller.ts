import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { Caller, type AuthContext } from '@tinystack/auth';
import { badRequest, DomainError, notFound } from '@tinystack/errors';
import type { ApiVersion } from '../http/api-version.js';
import { Links } from '../http/links.js';
import { Version } from '../http/versioned.decorators.js';
import { isFullPage, MAX_LIMIT, pageOf, parseBool, queryValue, type RawQuery } from '../shared/query.js';
import { HypervisorView, type HypervisorRecord } from './hypervisor.view.js';
import { HypervisorsService } from './hypervisors.service.js';

const gone = () => notFound('The resource could not be found.');

/** /v2.1/os-hypervisors (admins). */
@Controller('v2.1/os-hypervisors')
export class HypervisorsRestController {
  constructor(
    @Inject(HypervisorsService) private readonly hypervisors: HypervisorsService,
    @Inject(Links) private readonly links: Links,
  ) {}

  @Get()
  list(@Caller() caller: AuthContext, @Query() query: RawQuery, @Version() version: ApiVersion) {
    return this.listing(caller, query, version, false);
  }

  @Get('detail')
  detail(@Caller() caller: AuthContext, @Query() query: RawQuery, @Version() version: ApiVersion) {
    return this.listing(caller, query, version, true);
  }

  @Get('statistics')
  async statistics(@Caller() caller: AuthContext) {
    return { hypervisor_statistics: HypervisorView.statistics(await this.hypervisors.list(caller)) };
  }

  @Get(':id')
  async show(@Caller() caller: AuthContext, @Param('id') id: string, @Query() query: RawQuery, @Version() version: ApiVersion) {
    const withServers = version.atLeast('2.53') && this.withServers(query);
    const found = (await this.hypervisors.list(caller, { withServers })).find((r) => this.matches(r, id, version));
    if (!found) {
      throw notFound(`Hypervisor with ID ${id} could not be found.`);
    }
    return { hypervisor: new HypervisorView(version).detail(found) };
  }

  /** Nova answers 501 when the virt driver has no uptime; openstackclient expects exactly that. */
  @Get(':id/uptime')
  async uptime(@Caller() caller: AuthContext) {
    await this.hypervisors.list(caller);
    throw new DomainError('not_implemented', 'Virt driver does not implement host uptime function.');
  }

  /** Before 2.53: hypervisors whose hostname contains the pattern. */
  @Get(':pattern/search')
  async search(@Caller() caller: AuthContext, @Param('pattern') pattern: string, @Version() version: ApiVersion) {
    if (version.atLeast('2.53')) {
      throw gone();
    }
    const found = await this.hypervisors.list(caller, { pattern });
    if (found.length === 0) {
      throw notFound(`No hypervisor matching '${pattern}' could be found.`);
    }
    return { hypervisors: found.map((r) => new HypervisorView(version).summary(r)) };
  }

  /** Before 2.53: the servers of hypervisors whose hostname contains the pattern. */
  @Get(':pattern/servers')
  async servers(@Caller() caller: AuthContext, @Param('pattern') pattern: string, @Version() version: ApiVersion) {
    if (version.atLeast('2.53')) {
      throw gone();
    }
    const found = await this.hypervisors.list(caller, { pattern, withServers: true });
    if (found.length === 0) {
      throw notFound(`No hypervisor matching '${pattern}' could be found.`);
    }
    return { hypervisors: found.map((r) => ({ ...new HypervisorView(version).summary(r), servers: r.servers ?? [] })) };
  }

  private matches(r: HypervisorRecord, id: string, version: ApiVersion): boolean {
    return version.atLeast('2.53') ? r.host.node.uuid === id : String(r.host.node.id) === id;
  }

  private withServers(query: RawQuery): boolean {
    const text = queryValue(query, 'with_servers');
    return text !== undefined && parseBool(text, 'with_servers');
  }

  private async listing(caller: AuthContext, query: RawQuery, version: ApiVersion, detailed: boolean) {
    const v253 = version.atLeast('2.53');
    const paged = version.atLeast('2.33');
    const page = paged ? pageOf(query) : { limit: MAX_LIMIT, explicit: false, marker: undefined };
    const pattern = v253 ? queryValue(query, 'hypervisor_hostname_pattern') : undefined;
    if (pattern !== undefined && page.marker !== undefined) {
      throw badRequest('Paging over a list of hypervisors using a hypervisor_hostname_pattern is not supported.');
    }
    let found = await this.hypervisors.list(caller, { withServers: v253 && this.withServers(query), ...(pattern !== undefined ? { pattern } : {}) });
    if (pattern !== undefined && found.length === 0) {
      throw notFound(`No hypervisor matching '${pattern}' could be found.`);
    }
    if (page.marker !== undefined) {
      const at = found.findIndex((r) => this.matches(r, page.marker ?? '', version));
      if (at === -1) {
        throw badRequest(`marker [${page.marker}] not found`);
      }
      found = found.slice(at + 1);
    }
    found = found.slice(0, page.limit);
    const view = new HypervisorView(version);
    const last = found[found.length - 1];
    return {
      hypervisors: found.map((r) => (detailed ? view.detail(r) : view.summary(r))),
      ...(paged && last && isFullPage(page, found.length)
        ? { hypervisors_links: this.links.next(detailed ? 'os-hypervisors/detail' : 'os-hypervisors', query, String(v253 ? last.host.node.uuid : last.host.node.id)) }
        : {}),
    };
  }
}
