import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put } from '@nestjs/common';
import { Caller, type AuthContext } from '@tinystack/auth';
import { parseInput } from '@tinystack/http';
import { z } from 'zod';
import type { ApiVersion } from '../http/api-version.js';
import { Version } from '../http/versioned.decorators.js';
import { boolLike, intLike } from '../shared/schema-types.js';
import { quotaResourcesAt, type QuotaResource } from './quota-resources.js';
import { QuotasService, type QuotaLimits } from './quotas.service.js';

/** The update body at `version`: only the resources that exist then, plus force. */
function updateSchema(version: ApiVersion) {
  const fields = Object.fromEntries(quotaResourcesAt(version).map((r) => [r, intLike(-1).optional()]));
  return z.object({ quota_set: z.object({ ...fields, force: boolLike.optional() }).strict() }).strict();
}

function pick(limits: QuotaLimits, version: ApiVersion): Record<string, number> {
  return Object.fromEntries(quotaResourcesAt(version).map((r) => [r, limits[r]]));
}

/** /v2.1/os-quota-sets/{project_id}: show, detail, defaults; admins update and reset. */
@Controller('v2.1/os-quota-sets/:projectId')
export class QuotaSetsRestController {
  constructor(@Inject(QuotasService) private readonly quotas: QuotasService) {}

  @Get()
  async show(@Caller() caller: AuthContext, @Param('projectId') projectId: string, @Version() version: ApiVersion) {
    const project = this.quotas.readableProject(caller, projectId);
    return { quota_set: { id: project, ...pick(await this.quotas.limitsOf(project), version) } };
  }

  @Get('detail')
  async detail(@Caller() caller: AuthContext, @Param('projectId') projectId: string, @Version() version: ApiVersion) {
    const project = this.quotas.readableProject(caller, projectId);
    const limits = await this.quotas.limitsOf(project);
    const usage = await this.quotas.usageOf(project, project === caller.projectId ? caller.userId : undefined);
    const entries = quotaResourcesAt(version).map((r: QuotaResource): [string, Record<string, number>] => [
      r,
      { in_use: usage[r] ?? 0, limit: limits[r], reserved: 0 },
    ]);
    return { quota_set: { id: project, ...Object.fromEntries(entries) } };
  }

  @Get('defaults')
  defaults(@Caller() caller: AuthContext, @Param('projectId') projectId: string, @Version() version: ApiVersion) {
    return { quota_set: { id: projectId, ...pick(this.quotas.defaultsFor(caller), version) } };
  }

  @Put()
  async update(
    @Caller() caller: AuthContext,
    @Param('projectId') projectId: string,
    @Body() raw: unknown,
    @Version() version: ApiVersion,
  ) {
    const parsed: { quota_set: Record<string, number | boolean | undefined> } = parseInput(updateSchema(version), raw);
    const { force, ...values } = parsed.quota_set;
    const defined: Partial<QuotaLimits> = {};
    for (const [key, value] of Object.entries(values)) {
      if (typeof value === 'number') {
        defined[key as keyof QuotaLimits] = value;
      }
    }
    await this.quotas.update(caller, projectId, defined, force === true);
    return { quota_set: pick(await this.quotas.limitsOf(projectId), version) };
  }

  @Delete()
  @HttpCode(202)
  async reset(@Caller() caller: AuthContext, @Param('projectId') projectId: string): Promise<void> {
    await this.quotas.reset(caller, projectId);
  }
}
