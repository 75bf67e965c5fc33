import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put } from '@nestjs/common';
import { Caller, isAdmin, type AuthContext } from '@tinystack/auth';
import { policyDenied } from '../shared/neutron.errors.js';
import { callerProject } from '../shared/caller.js';
import { QuotasService } from './quotas.service.js';

/** /v2.0/quotas: show (with usage in details.json), defaults, update and reset a project's quotas. */
@Controller('v2.0/quotas')
export class QuotasRestController {
  constructor(@Inject(QuotasService) private readonly quotas: QuotasService) {}

  @Get()
  async list(@Caller() caller: AuthContext) {
    if (!isAdmin(caller)) {
      throw policyDenied('get_quota');
    }
    const rows = await this.quotas.listOverrides();
    return { quotas: rows.map((r) => ({ ...r.limits, project_id: r.projectId, tenant_id: r.projectId })) };
  }

  @Get('tenant')
  tenant(@Caller() caller: AuthContext) {
    return { tenant: { tenant_id: callerProject(caller) } };
  }

  @Get(':project/default')
  defaults(@Caller() caller: AuthContext, @Param('project') project: string) {
    this.mayRead(caller, project);
    return { quota: this.quotas.defaultsOf() };
  }

  @Get(':project/details.json')
  async details(@Caller() caller: AuthContext, @Param('project') project: string) {
    this.mayRead(caller, project);
    return { quota: await this.quotas.detailsOf(project) };
  }

  @Get(':project')
  async show(@Caller() caller: AuthContext, @Param('project') project: string) {
    this.mayRead(caller, stripJson(project));
    return { quota: await this.quotas.limitsOf(stripJson(project)) };
  }

  @Put(':project')
  async update(@Caller() caller: AuthContext, @Param('project') project: string, @Body() body: unknown) {
    if (!isAdmin(caller)) {
      throw policyDenied('update_quota');
    }
    const changes = (body as { quota?: unknown } | undefined)?.quota;
    const quota = await this.quotas.update(stripJson(project), typeof changes === 'object' && changes !== null ? (changes as Record<string, unknown>) : {});
    return { quota };
  }

  @Delete(':project')
  @HttpCode(204)
  async reset(@Caller() caller: AuthContext, @Param('project') project: string): Promise<void> {
    if (!isAdmin(caller)) {
      throw policyDenied('delete_quota');
    }
    await this.quotas.reset(stripJson(project));
  }

  private mayRead(caller: AuthContext, project: string): void {
    if (!isAdmin(caller) && caller.projectId !== project) {
      throw policyDenied('get_quota');
    }
  }
}

/** Older clients append `.json` to the project id. */
function stripJson(project: string): string {
  return project.endsWith('.json') ? project.slice(0, -'.json'.length) : project;
}
