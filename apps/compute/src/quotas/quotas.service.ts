import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '@tinystack/auth';
import { badRequest, forbidden } from '@tinystack/errors';
import { COMPUTE_CONFIG, type ComputeConfig } from '../config.js';
import { OverQuota } from '../shared/compute.errors.js';
import { isAdmin, projectOf, requireAdmin, requireReader } from '../shared/policy.js';
import { defaultQuotas, fittingCount, QUOTA_RESOURCES, type QuotaResource, type Usage } from './quota-resources.js';
import { QuotasRepository } from './quotas.repository.js';

export type QuotaLimits = Record<QuotaResource, number>;

/** Quotas per project: defaults from configuration, overrides set by admins, checks at create. */
@Injectable()
export class QuotasService {
  private readonly defaults: QuotaLimits;

  constructor(
    @Inject(QuotasRepository) private readonly repo: QuotasRepository,
    @Inject(COMPUTE_CONFIG) config: ComputeConfig,
  ) {
    this.defaults = defaultQuotas(config);
  }

  /** The defaults (anyone with a token may read them, as in Nova). */
  defaultsFor(caller: AuthContext): QuotaLimits {
    requireReader(caller);
    return { ...this.defaults };
  }

  async limitsOf(projectId: string): Promise<QuotaLimits> {
    const own = await this.repo.limits(projectId);
    const out = { ...this.defaults };
    for (const r of QUOTA_RESOURCES) {
      const v = own.get(r);
      if (v !== undefined) {
        out[r] = v;
      }
    }
    return out;
  }

  serverUsage(projectId: string): Promise<Usage> {
    return this.repo.serverUsage(projectId);
  }

  /** The project whose quotas the caller may read: its own, or any for an admin. */
  readableProject(caller: AuthContext, projectId: string): string {
    requireReader(caller);
    if (!isAdmin(caller) && projectOf(caller) !== projectId) {
      throw forbidden(`Policy doesn't allow os_compute_api:os-quota-sets:show to be performed.`);
    }
    return projectId;
  }

  /** Usage of every resource (os-quota-sets detail, limits). */
  async usageOf(projectId: string, userId?: string): Promise<Partial<Record<QuotaResource, number>>> {
    const servers = await this.repo.serverUsage(projectId);
    return { ...servers, key_pairs: userId ? await this.repo.keypairCount(userId) : 0 };
  }

  async update(caller: AuthContext, projectId: string, values: Partial<QuotaLimits>, force: boolean): Promise<void> {
    requireAdmin(caller, 'os_compute_api:os-quota-sets:update');
    if (!force) {
      const usage = await this.usageOf(projectId);
      for (const [r, v] of Object.entries(values)) {
        const used = usage[r as QuotaResource] ?? 0;
        if (v !== undefined && v >= 0 && v < used) {
          throw badRequest(`Quota value ${v} for ${r} is less than already used and reserved ${used}`);
        }
      }
    }
    await this.repo.set(projectId, values);
  }

  async reset(caller: AuthContext, projectId: string): Promise<void> {
    requireAdmin(caller, 'os_compute_api:os-quota-sets:delete');
    await this.repo.reset(projectId);
  }

  /**
   * How many of `maxCount` servers the project may create now (at least `minCount`), or
   * Nova's 403 "Quota exceeded for cores: Requested 2, but already used 20 of 20 cores".
   */
  async allowedServers(projectId: string, req: { vcpus: number; ram: number }, minCount: number, maxCount: number): Promise<number> {
    const limits = await this.limitsOf(projectId);
    const usage = await this.repo.serverUsage(projectId);
    const fit = fittingCount(limits, usage, req, maxCount);
    if (fit.count < minCount && fit.limitedBy) {
      const r = fit.limitedBy;
      const per = r === 'instances' ? 1 : r === 'cores' ? req.vcpus : req.ram;
      throw new OverQuota(
        `Quota exceeded for ${r}: Requested ${per * minCount}, but already used ${usage[r]} of ${limits[r]} ${r}`,
      );
    }
    return Math.max(fit.count, minCount);
  }

  /** After creating servers: still within quota? (Nova's recheck, for concurrent creates.) */
  async isOverServerQuota(projectId: string): Promise<boolean> {
    const limits = await this.limitsOf(projectId);
    const usage = await this.repo.serverUsage(projectId);
    return (['instances', 'cores', 'ram'] as const).some((r) => limits[r] >= 0 && usage[r] > limits[r]);
  }

  async checkKeypairs(projectId: string, userId: string): Promise<void> {
    const limit = (await this.limitsOf(projectId)).key_pairs;
    if (limit >= 0 && (await this.repo.keypairCount(userId)) >= limit) {
      throw new OverQuota('Quota exceeded, too many key pairs.');
    }
  }

  async checkMetadataItems(projectId: string, count: number): Promise<void> {
    const limit = (await this.limitsOf(projectId)).metadata_items;
    if (limit >= 0 && count > limit) {
      throw new OverQuota(`Maximum number of metadata items exceeds ${limit}`);
    }
  }
}
