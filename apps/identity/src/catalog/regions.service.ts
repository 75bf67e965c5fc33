import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '@tinystack/auth';
import { badRequest, conflict } from '@tinystack/errors';
import { notFoundOf, uniquely } from '../shared/errors.js';
import { splitExtra } from '../shared/extra.js';
import { newId } from '../shared/ids.js';
import { paginate, type Page, type PageRequest } from '../shared/list-filter.js';
import { requireAdmin } from '../shared/policy.js';
import { CatalogRepository } from './catalog.repository.js';
import { REGION_KEYS, type CreateRegionInput, type UpdateRegionInput } from './catalog.schemas.js';
import { RegionEntity } from './region.entity.js';

/** Regions: anyone with a token may read them (Keystone's default), admin writes. */
@Injectable()
export class RegionsService {
  constructor(@Inject(CatalogRepository) private readonly catalog: CatalogRepository) {}

  async get(id: string): Promise<RegionEntity> {
    const r = await this.catalog.regions().findOneBy({ id });
    if (!r) {
      throw notFoundOf('region', id);
    }
    return r;
  }

  async list(parentRegionId: string | undefined, page: PageRequest): Promise<Page<RegionEntity>> {
    const rows = await this.catalog.regions().find({
      where: parentRegionId !== undefined ? { parentRegionId } : {},
      order: { id: 'ASC' },
    });
    return paginate(rows, page);
  }

  async create(
    caller: AuthContext,
    input: CreateRegionInput,
    idFromPath?: string,
  ): Promise<RegionEntity> {
    requireAdmin(caller);
    const { extra } = splitExtra(input, REGION_KEYS);
    if (idFromPath !== undefined && input.id !== undefined && input.id !== idFromPath) {
      throw badRequest('The region id in the body does not match the URL.');
    }
    const id = idFromPath ?? input.id ?? newId();
    await this.checkParent(input.parent_region_id, id);
    const r: RegionEntity = {
      id,
      description: input.description ?? '',
      parentRegionId: input.parent_region_id ?? null,
      extra,
    };
    await uniquely('region', `ID ${id}`, async () => {
      await this.catalog.insert(RegionEntity, r);
    });
    this.catalog.touch();
    return r;
  }

  async update(caller: AuthContext, id: string, input: UpdateRegionInput): Promise<RegionEntity> {
    requireAdmin(caller);
    const r = await this.get(id);
    const { extra } = splitExtra(input, REGION_KEYS);
    await this.checkParent(input.parent_region_id, id);
    const next: RegionEntity = {
      ...r,
      description: input.description !== undefined ? input.description : r.description,
      parentRegionId:
        input.parent_region_id !== undefined ? input.parent_region_id : r.parentRegionId,
      extra: { ...r.extra, ...extra },
    };
    await this.catalog.regions().save(next);
    this.catalog.touch();
    return next;
  }

  async delete(caller: AuthContext, id: string): Promise<void> {
    requireAdmin(caller);
    await this.get(id);
    if ((await this.catalog.regions().countBy({ parentRegionId: id })) > 0) {
      throw conflict(`Region ${id} has child regions.`);
    }
    if ((await this.catalog.endpoints().countBy({ regionId: id })) > 0) {
      throw conflict(`Region ${id} still has endpoints.`);
    }
    await this.catalog.regions().delete({ id });
    this.catalog.touch();
  }

  private async checkParent(parentId: string | null | undefined, id: string): Promise<void> {
    if (parentId === undefined || parentId === null) {
      return;
    }
    for (let at: string | null = parentId, hops = 0; at !== null; hops++) {
      if (at === id || hops > 100) {
        throw badRequest('A region may not be its own ancestor.');
      }
      const parent: RegionEntity | null = await this.catalog.regions().findOneBy({ id: at });
      if (!parent) {
        throw badRequest(`Could not find parent region: ${at}.`);
      }
      at = parent.parentRegionId;
    }
  }
}
