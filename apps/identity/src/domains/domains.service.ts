import { Inject, Injectable } from '@nestjs/common';
import { isAdmin, type AuthContext } from '@tinystack/auth';
import { forbidden } from '@tinystack/errors';
import { RevocationsService } from '../revocations/revocations.service.js';
import { notFoundOf, uniquely } from '../shared/errors.js';
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
import { DomainCascadeService } from './domain-cascade.service.js';
import type { DomainEntity } from './domain.entity.js';
import {
  DOMAIN_KNOWN_KEYS,
  type CreateDomainInput,
  type UpdateDomainInput,
} from './domains.schemas.js';
import { DomainsRepository } from './domains.repository.js';

export interface DomainFilter {
  readonly name: readonly StringFilter[];
  readonly enabled?: boolean | undefined;
}

@Injectable()
export class DomainsService {
  constructor(
    @Inject(DomainsRepository) private readonly domains: DomainsRepository,
    @Inject(DomainCascadeService) private readonly cascade: DomainCascadeService,
    @Inject(RevocationsService) private readonly revocations: RevocationsService,
  ) {}

  /** Admin, or a caller whose token or user belongs to the domain. */
  async get(caller: AuthContext, id: string): Promise<DomainEntity> {
    const own = [caller.domainId, caller.projectDomainId, caller.userDomainId].includes(id);
    if (!isAdmin(caller) && !own) {
      throw forbidden();
    }
    return this.require(id);
  }

  async require(id: string): Promise<DomainEntity> {
    const d = await this.domains.findById(id);
    if (!d) {
      throw notFoundOf('domain', id);
    }
    return d;
  }

  async list(caller: AuthContext, f: DomainFilter, page: PageRequest): Promise<Page<DomainEntity>> {
    requireAdmin(caller);
    const rows = await this.domains.list(f.enabled !== undefined ? { enabled: f.enabled } : {});
    return paginate(
      rows.filter((d) => matchesString(d.name, f.name)),
      page,
    );
  }

  async create(caller: AuthContext, input: CreateDomainInput): Promise<DomainEntity> {
    requireAdmin(caller);
    const { extra } = splitExtra(input, DOMAIN_KNOWN_KEYS);
    const d: DomainEntity = {
      id: input.explicit_domain_id ?? newId(),
      name: input.name,
      description: input.description ?? '',
      enabled: input.enabled ?? true,
      extra,
      createdAt: Date.now(),
    };
    await uniquely('domain', `name ${d.name}`, () => this.domains.insert(d));
    return d;
  }

  async update(caller: AuthContext, id: string, input: UpdateDomainInput): Promise<DomainEntity> {
    requireAdmin(caller);
    const d = await this.require(id);
    const { extra } = splitExtra(input, DOMAIN_KNOWN_KEYS);
    const next: DomainEntity = {
      ...d,
      name: input.name ?? d.name,
      description: input.description !== undefined ? input.description : d.description,
      enabled: input.enabled ?? d.enabled,
      extra: { ...d.extra, ...extra },
    };
    await uniquely('domain', `name ${next.name}`, () => this.domains.save(next));
    if (d.enabled && !next.enabled) {
      await this.revocations.revoke({ domainId: id });
      await this.cascade.revokeProjectsOf(id);
    }
    return next;
  }

  /** Delete a disabled domain and everything in it (Keystone requires disabling it first). */
  async delete(caller: AuthContext, id: string): Promise<void> {
    requireAdmin(caller);
    const d = await this.require(id);
    if (d.enabled) {
      throw forbidden('Cannot delete a domain that is enabled, please disable it first.');
    }
    if (id === 'default') {
      throw forbidden('The default domain cannot be deleted.');
    }
    await this.cascade.deleteDomain(id);
  }
}
