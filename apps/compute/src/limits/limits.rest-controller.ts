import { Controller, Get, Inject, Query } from '@nestjs/common';
import { Caller, type AuthContext } from '@tinystack/auth';
import type { ApiVersion } from '../http/api-version.js';
import { Version } from '../http/versioned.decorators.js';
import { QuotasService } from '../quotas/quotas.service.js';
import { isAdmin, projectOf, requireReader } from '../shared/policy.js';
import { queryValue, type RawQuery } from '../shared/query.js';

/** GET /v2.1/limits: the project's absolute limits and usage (no rate limits, as Nova since Newton). */
@Controller('v2.1/limits')
export class LimitsRestController {
  constructor(@Inject(QuotasService) private readonly quotas: QuotasService) {}

  @Get()
  async show(@Caller() caller: AuthContext, @Query() query: RawQuery, @Version() version: ApiVersion) {
    requireReader(caller);
    const asked = queryValue(query, 'tenant_id');
    const project = asked && isAdmin(caller) ? asked : projectOf(caller);
    const q = await this.quotas.limitsOf(project);
    const used = await this.quotas.serverUsage(project);
    const absolute: Record<string, number> = {
      maxServerMeta: q.metadata_items,
      maxPersonality: q.injected_files,
      maxPersonalitySize: q.injected_file_content_bytes,
      maxImageMeta: q.metadata_items,
      maxTotalKeypairs: q.key_pairs,
      maxSecurityGroups: q.security_groups,
      maxSecurityGroupRules: q.security_group_rules,
      maxTotalFloatingIps: q.floating_ips,
      maxTotalInstances: q.instances,
      maxTotalCores: q.cores,
      maxTotalRAMSize: q.ram,
      maxServerGroups: q.server_groups,
      maxServerGroupMembers: q.server_group_members,
      totalRAMUsed: used.ram,
      totalCoresUsed: used.cores,
      totalInstancesUsed: used.instances,
      totalFloatingIpsUsed: 0,
      totalSecurityGroupsUsed: 0,
      totalServerGroupsUsed: 0,
    };
    const removed = [
      ...(version.atLeast('2.36')
        ? ['maxSecurityGroups', 'maxSecurityGroupRules', 'maxTotalFloatingIps', 'totalFloatingIpsUsed', 'totalSecurityGroupsUsed']
        : []),
      ...(version.atLeast('2.39') ? ['maxImageMeta'] : []),
      ...(version.atLeast('2.57') ? ['maxPersonality', 'maxPersonalitySize'] : []),
    ];
    for (const key of removed) {
      delete absolute[key];
    }
    return { limits: { rate: [], absolute } };
  }
}
