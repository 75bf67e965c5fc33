import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '@tinystack/auth';
import { badRequest } from '@tinystack/errors';
import { notFoundOf } from '../shared/errors.js';
import { splitExtra } from '../shared/extra.js';
import { newId } from '../shared/ids.js';
import { paginate, type Page, type PageRequest } from '../shared/list-filter.js';
import { requireAdmin } from '../shared/policy.js';
import { CatalogRepository } from './catalog.repository.js';
import {
  ENDPOINT_KEYS,
  type CreateEndpointInput,
  type UpdateEndpointInput,
} from './catalog.schemas.js';
import { EndpointEntity, type EndpointInterface } from './endpoint.entity.js';

export interface EndpointFilter {
  readonly interface?: string | undefined;
  readonly serviceId?: string | undefined;
  readonly regionId?: string | undefined;
}

/** Catalog endpoints (admin only). `region` is Keystone's legacy alias of `region_id`. */
@Injectable()
export class EndpointsService {
  constructor(@Inject(CatalogRepository) private readonly catalog: CatalogRepository) {}

  async get(caller: AuthContext, id: string): Promise<EndpointEntity> {
    requireAdmin(caller);
    const e = await this.catalog.endpoints().findOneBy({ id });
    if (!e) {
      throw notFoundOf('endpoint', id);
    }
    return e;
  }

  async list(
    caller: AuthContext,
    f: EndpointFilter,
    page: PageRequest,
  ): Promise<Page<EndpointEntity>> {
    requireAdmin(caller);
    const rows = await this.catalog.listEndpoints({
      ...(f.interface !== undefined ? { interface: f.interface as EndpointInterface } : {}),
      ...(f.serviceId !== undefined ? { serviceId: f.serviceId } : {}),
      ...(f.regionId !== undefined ? { regionId: f.regionId } : {}),
    });
    return paginate(rows, page);
  }

  async create(caller: AuthContext, input: CreateEndpointInput): Promise<EndpointEntity> {
    requireAdmin(caller);
    const { extra } = splitExtra(input, ENDPOINT_KEYS);
    const regionId = input.region_id ?? input.region ?? null;
    await this.checkRefs(input.service_id, regionId);
    const e: EndpointEntity = {
      id: newId(),
      serviceId: input.service_id,
      interface: input.interface,
      url: input.url,
      regionId,
      enabled: input.enabled ?? true,
      extra,
    };
    await this.catalog.insert(EndpointEntity, e);
    this.catalog.touch();
    return e;
  }

  async update(
    caller: AuthContext,
    id: string,
    input: UpdateEndpointInput,
  ): Promise<EndpointEntity> {
    const e = await this.get(caller, id);
    const { extra } = splitExtra(input, ENDPOINT_KEYS);
    const regionId =
      input.region_id !== undefined
        ? input.region_id
        : input.region !== undefined
          ? input.region
          : e.regionId;
    const next: EndpointEntity = {
      ...e,
      serviceId: input.service_id ?? e.serviceId,
      interface: input.interface ?? e.interface,
      url: input.url ?? e.url,
      regionId,
      enabled: input.enabled ?? e.enabled,
      extra: { ...e.extra, ...extra },
    };
    await this.checkRefs(next.serviceId, next.regionId);
    await this.catalog.endpoints().save(next);
    this.catalog.touch();
    return next;
  }

  async delete(caller: AuthContext, id: string): Promise<void> {
    await this.get(caller, id);
    await this.catalog.endpoints().delete({ id });
    this.catalog.touch();
  }

  private async checkRefs(serviceId: string, regionId: string | null): Promise<void> {
    if (!(await this.catalog.services().findOneBy({ id: serviceId }))) {
      throw badRequest(`Could not find service: ${serviceId}.`);
    }
    if (regionId !== null && !(await this.catalog.regions().findOneBy({ id: regionId }))) {
      throw badRequest(`Could not find region: ${regionId}.`);
    }
  }
}
