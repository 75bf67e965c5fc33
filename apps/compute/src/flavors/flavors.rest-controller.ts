import { Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { Caller, type AuthContext } from '@tinystack/auth';
import { notFound } from '@tinystack/errors';
import type { ApiVersion } from '../http/api-version.js';
import { Links } from '../http/links.js';
import { Version, VersionedBody } from '../http/versioned.decorators.js';
import { isFullPage, type RawQuery } from '../shared/query.js';
import { parseFlavorListQuery } from './flavor-list.query.js';
import { FlavorView } from './flavor.view.js';
import type { FlavorEntity } from './flavor.entity.js';
import {
  createFlavorV21,
  createFlavorV255,
  flavorAction,
  updateFlavorV255,
  type CreateFlavorBody,
  type FlavorActionBody,
  type UpdateFlavorBody,
} from './flavors.schemas.js';
import { FlavorsService } from './flavors.service.js';

/** /v2.1/flavors: list, detail, show, flavor-manage (admins) and os-flavor-access. */
@Controller('v2.1/flavors')
export class FlavorsRestController {
  constructor(
    @Inject(FlavorsService) private readonly flavors: FlavorsService,
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

  @Get(':id')
  async show(@Caller() caller: AuthContext, @Param('id') id: string, @Version() version: ApiVersion) {
    return { flavor: await this.present(await this.flavors.get(caller, id), version) };
  }

  @Post()
  @HttpCode(200)
  async create(
    @Caller() caller: AuthContext,
    @VersionedBody({ '2.1': createFlavorV21, '2.55': createFlavorV255 }) body: CreateFlavorBody,
    @Version() version: ApiVersion,
  ) {
    return { flavor: await this.present(await this.flavors.create(caller, body.flavor), version) };
  }

  @Put(':id')
  async update(
    @Caller() caller: AuthContext,
    @Param('id') id: string,
    @VersionedBody({ '2.1': updateFlavorV255, '2.55': updateFlavorV255 }) body: UpdateFlavorBody,
    @Version() version: ApiVersion,
  ) {
    if (version.before('2.55')) {
      throw notFound('The resource could not be found.');
    }
    return { flavor: await this.present(await this.flavors.updateDescription(caller, id, body.flavor.description), version) };
  }

  @Delete(':id')
  @HttpCode(202)
  async remove(@Caller() caller: AuthContext, @Param('id') id: string): Promise<void> {
    await this.flavors.delete(caller, id);
  }

  @Get(':id/os-flavor-access')
  async access(@Caller() caller: AuthContext, @Param('id') id: string) {
    return accessBody(id, await this.flavors.accessList(caller, id));
  }

  @Post(':id/action')
  @HttpCode(200)
  async action(
    @Caller() caller: AuthContext,
    @Param('id') id: string,
    @VersionedBody({ '2.1': flavorAction }) body: FlavorActionBody,
    @Version() version: ApiVersion,
  ) {
    const projects =
      'addTenantAccess' in body
        ? await this.flavors.addAccess(caller, id, body.addTenantAccess.tenant, version.atLeast('2.7'))
        : await this.flavors.removeAccess(caller, id, body.removeTenantAccess.tenant);
    return accessBody(id, projects);
  }

  private async listing(caller: AuthContext, query: RawQuery, version: ApiVersion, detailed: boolean) {
    const params = parseFlavorListQuery(query, version);
    const found = await this.flavors.list(caller, params);
    const view = new FlavorView(this.links, version);
    const specs = detailed && version.atLeast('2.61') ? await this.flavors.extraSpecsOf(found.map((f) => f.id)) : undefined;
    const last = found[found.length - 1];
    return {
      flavors: found.map((f) => (detailed ? view.detail(f, specs?.get(f.id)) : view.basic(f))),
      ...(last && isFullPage(params.page, found.length)
        ? { flavors_links: this.links.next(detailed ? 'flavors/detail' : 'flavors', query, last.id) }
        : {}),
    };
  }

  private async present(flavor: FlavorEntity, version: ApiVersion) {
    const specs = version.atLeast('2.61') ? await this.flavors.extraSpecsOf([flavor.id]) : undefined;
    return new FlavorView(this.links, version).detail(flavor, specs?.get(flavor.id));
  }
}

const accessBody = (flavorId: string, projects: string[]) => ({
  flavor_access: projects.map((tenant) => ({ flavor_id: flavorId, tenant_id: tenant })),
});
