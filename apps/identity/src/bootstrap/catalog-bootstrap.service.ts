import { Inject, Injectable } from '@nestjs/common';
import { loggerFor } from '@tinystack/logging';
import { CatalogRepository } from '../catalog/catalog.repository.js';
import type { EndpointInterface } from '../catalog/endpoint.entity.js';
import type { ServiceEntity } from '../catalog/service.entity.js';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config.js';
import { newId } from '../shared/ids.js';
import { catalogPlan, REGION, type CatalogPlanEntry } from './bootstrap.plan.js';

const INTERFACES: EndpointInterface[] = ['public', 'internal'];

/** Region RegionOne and the catalog entries of the configured services, their URLs kept current. */
@Injectable()
export class CatalogBootstrapService {
  private readonly log = loggerFor('CatalogBootstrapService');

  constructor(
    @Inject(IDENTITY_CONFIG) private readonly cfg: IdentityConfig,
    @Inject(CatalogRepository) private readonly catalog: CatalogRepository,
  ) {}

  async run(): Promise<void> {
    if (!(await this.catalog.regions().findOneBy({ id: REGION }))) {
      await this.catalog
        .regions()
        .save({ id: REGION, description: '', parentRegionId: null, extra: {} });
    }
    for (const entry of catalogPlan(this.cfg)) {
      const service = await this.ensureService(entry);
      for (const iface of INTERFACES) {
        await this.ensureEndpoint(service, iface, entry.url);
      }
    }
    this.catalog.touch();
  }

  private async ensureService(entry: CatalogPlanEntry): Promise<ServiceEntity> {
    const existing = await this.catalog
      .services()
      .findOne({ where: { type: entry.type }, order: { id: 'ASC' } });
    if (existing) {
      return existing;
    }
    const service: ServiceEntity = {
      id: newId(),
      type: entry.type,
      name: entry.name,
      description: entry.description,
      enabled: true,
      extra: {},
    };
    await this.catalog.services().save(service);
    return service;
  }

  private async ensureEndpoint(
    service: ServiceEntity,
    iface: EndpointInterface,
    url: string,
  ): Promise<void> {
    const existing = await this.catalog
      .endpoints()
      .findOneBy({ serviceId: service.id, interface: iface, regionId: REGION });
    if (!existing) {
      await this.catalog.endpoints().save({
        id: newId(),
        serviceId: service.id,
        interface: iface,
        url,
        regionId: REGION,
        enabled: true,
        extra: {},
      });
    } else if (existing.url !== url) {
      this.log.info(
        { service: service.type, interface: iface, url },
        'catalog endpoint URL updated',
      );
      await this.catalog.endpoints().update({ id: existing.id }, { url });
    }
  }
}
