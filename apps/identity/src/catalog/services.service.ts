import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '@tinystack/auth';
import { notFoundOf } from '../shared/errors.js';
import { splitExtra } from '../shared/extra.js';
import { newId } from '../shared/ids.js';
import {
  matchesString,
  paginate,
  type Page,
  type PageRequest,
  type StringFilter,
} from '../shared/list-filter.js';
import { requireAdmin } from '../shared/policy.js';
import { CatalogRepository } from './catalog.repository.js';
import {
  SERVICE_KEYS,
  type CreateServiceInput,
  type UpdateServiceInput,
} from './catalog.schemas.js';
import { ServiceEntity } from './service.entity.js';

/** Catalog services (admin only, as Keystone's default policy). */
@Injectable()
export class ServicesService {
  constructor(@Inject(CatalogRepository) private readonly catalog: CatalogRepository) {}

  async get(caller: AuthContext, id: string): Promise<ServiceEntity> {
    requireAdmin(caller);
    return this.require(id);
  }

  async require(id: string): Promise<ServiceEntity> {
    const s = await this.catalog.services().findOneBy({ id });
    if (!s) {
      throw notFoundOf('service', id);
    }
    return s;
  }

  async list(
    caller: AuthContext,
    f: { type?: string | undefined; name: StringFilter[] },
    page: PageRequest,
  ): Promise<Page<ServiceEntity>> {
    requireAdmin(caller);
    const rows = await this.catalog
      .services()
      .find({ where: f.type !== undefined ? { type: f.type } : {}, order: { type: 'ASC' } });
    return paginate(
      rows.filter((s) => matchesString(s.name, f.name)),
      page,
    );
  }

  async create(caller: AuthContext, input: CreateServiceInput): Promise<ServiceEntity> {
    requireAdmin(caller);
    const { extra } = splitExtra(input, SERVICE_KEYS);
    const s: ServiceEntity = {
      id: newId(),
      type: input.type,
      name: input.name ?? null,
      description: input.description ?? null,
      enabled: input.enabled ?? true,
      extra,
    };
    await this.catalog.insert(ServiceEntity, s);
    this.catalog.touch();
    return s;
  }

  async update(caller: AuthContext, id: string, input: UpdateServiceInput): Promise<ServiceEntity> {
    requireAdmin(caller);
    const s = await this.require(id);
    const { extra } = splitExtra(input, SERVICE_KEYS);
    const next: ServiceEntity = {
      ...s,
      type: input.type ?? s.type,
      name: input.name !== undefined ? input.name : s.name,
      description: input.description !== undefined ? input.description : s.description,
      enabled: input.enabled ?? s.enabled,
      extra: { ...s.extra, ...extra },
    };
    await this.catalog.services().save(next);
    this.catalog.touch();
    return next;
  }

  /** Delete a service and its endpoints. */
  async delete(caller: AuthContext, id: string): Promise<void> {
    requireAdmin(caller);
    await this.require(id);
    await this.catalog.endpoints().delete({ serviceId: id });
    await this.catalog.services().delete({ id });
    this.catalog.touch();
  }
}
