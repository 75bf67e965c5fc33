import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type EntityTarget } from 'typeorm';
import { NETWORK_CONFIG, type NetworkConfig } from '../config.js';
import {
  FloatingIpEntity,
  NetworkEntity,
  PortEntity,
  QuotaEntity,
  RouterEntity,
  SecurityGroupEntity,
  SecurityGroupRuleEntity,
  SubnetEntity,
} from '../entities.js';
import { invalidInput, overQuota } from '../shared/neutron.errors.js';

/** The quota resources, as Neutron names them. */
export const QUOTA_RESOURCES = [
  'network',
  'subnet',
  'port',
  'router',
  'floatingip',
  'security_group',
  'security_group_rule',
] as const;
export type QuotaResource = (typeof QUOTA_RESOURCES)[number];

const COUNTED: Record<QuotaResource, EntityTarget<{ projectId: string }>> = {
  network: NetworkEntity,
  subnet: SubnetEntity,
  port: PortEntity,
  router: RouterEntity,
  floatingip: FloatingIpEntity,
  security_group: SecurityGroupEntity,
  security_group_rule: SecurityGroupRuleEntity,
};

export interface QuotaDetail {
  readonly limit: number;
  readonly used: number;
  readonly reserved: number;
}

/** Neutron's quotas per project: defaults from the configuration, overrides in the database. */
@Injectable()
export class QuotasService {
  private readonly defaults: Record<QuotaResource, number>;

  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(NETWORK_CONFIG) config: NetworkConfig,
  ) {
    this.defaults = {
      network: config.NETWORK_QUOTA_NETWORK,
      subnet: config.NETWORK_QUOTA_SUBNET,
      port: config.NETWORK_QUOTA_PORT,
      router: config.NETWORK_QUOTA_ROUTER,
      floatingip: config.NETWORK_QUOTA_FLOATINGIP,
      security_group: config.NETWORK_QUOTA_SECURITY_GROUP,
      security_group_rule: config.NETWORK_QUOTA_SECURITY_GROUP_RULE,
    };
  }

  defaultsOf(): Record<QuotaResource, number> {
    return { ...this.defaults };
  }

  async limitsOf(projectId: string, m: EntityManager = this.ds.manager): Promise<Record<QuotaResource, number>> {
    const limits = this.defaultsOf();
    for (const row of await m.getRepository(QuotaEntity).findBy({ projectId })) {
      if ((QUOTA_RESOURCES as readonly string[]).includes(row.resource)) {
        limits[row.resource as QuotaResource] = row.hardLimit;
      }
    }
    return limits;
  }

  async detailsOf(projectId: string): Promise<Record<QuotaResource, QuotaDetail>> {
    const limits = await this.limitsOf(projectId);
    const out = {} as Record<QuotaResource, QuotaDetail>;
    for (const r of QUOTA_RESOURCES) {
      out[r] = { limit: limits[r], used: await this.ds.getRepository(COUNTED[r]).countBy({ projectId }), reserved: 0 };
    }
    return out;
  }

  /** Refuses (409 OverQuota) when `projectId` cannot have `adding` more of `resource`. */
  async check(m: EntityManager, projectId: string, resource: QuotaResource, adding = 1): Promise<void> {
    const limit = (await this.limitsOf(projectId, m))[resource];
    if (limit < 0) {
      return;
    }
    const used = await m.getRepository(COUNTED[resource]).countBy({ projectId });
    if (used + adding > limit) {
      throw overQuota(resource);
    }
  }

  /** PUT /v2.0/quotas/{project}: only the resources named change. */
  async update(projectId: string, changes: Record<string, unknown>): Promise<Record<QuotaResource, number>> {
    // `force` / `check_limit` (quota-check-limit): openstack quota set sends force=true;
    // limits are never checked against usage here, so both mean nothing more
    const entries = Object.entries(changes).filter(([k]) => k !== 'force' && k !== 'check_limit');
    for (const [resource, value] of entries) {
      if (!(QUOTA_RESOURCES as readonly string[]).includes(resource)) {
        throw invalidInput(`Unrecognized attribute(s) '${resource}'`);
      }
      const n = typeof value === 'string' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < -1) {
        throw invalidInput(`'${String(value)}' is not a valid quota for ${resource}: use an integer, -1 for unlimited`);
      }
    }
    const repo = this.ds.getRepository(QuotaEntity);
    for (const [resource, value] of entries) {
      await repo.save(Object.assign(new QuotaEntity(), { projectId, resource, hardLimit: Number(value) }));
    }
    return this.limitsOf(projectId);
  }

  async reset(projectId: string): Promise<void> {
    await this.ds.getRepository(QuotaEntity).delete({ projectId });
  }

  /** GET /v2.0/quotas (admin): the projects with overrides. */
  async listOverrides(): Promise<Array<{ projectId: string; limits: Record<QuotaResource, number> }>> {
    const rows = await this.ds.getRepository(QuotaEntity).find();
    const projects = [...new Set(rows.map((r) => r.projectId))];
    return Promise.all(projects.map(async (projectId) => ({ projectId, limits: await this.limitsOf(projectId) })));
  }
}
