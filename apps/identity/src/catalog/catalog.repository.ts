import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type FindOptionsWhere } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { EndpointEntity } from './endpoint.entity.js';
import { RegionEntity } from './region.entity.js';
import { ServiceEntity } from './service.entity.js';

/** Regions, services and endpoints. Every write bumps `version`, which invalidates cached catalogs. */
@Injectable()
export class CatalogRepository {
  private writes = 0;

  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  get version(): number {
    return this.writes;
  }

  regions() {
    return this.ds.getRepository(RegionEntity);
  }

  services() {
    return this.ds.getRepository(ServiceEntity);
  }

  endpoints() {
    return this.ds.getRepository(EndpointEntity);
  }

  /** INSERT only (a duplicate id is a unique violation, never an overwrite). */
  async insert<E extends RegionEntity | ServiceEntity | EndpointEntity>(
    entity: new () => E,
    row: E,
  ): Promise<void> {
    await this.ds.getRepository(entity).insert(row as QueryDeepPartialEntity<E>);
  }

  /** Record that the catalog changed. */
  touch(): void {
    this.writes += 1;
  }

  listEndpoints(where: FindOptionsWhere<EndpointEntity>): Promise<EndpointEntity[]> {
    return this.endpoints().find({ where, order: { id: 'ASC' } });
  }
}
