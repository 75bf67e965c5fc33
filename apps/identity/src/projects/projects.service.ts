import { Inject, Injectable } from '@nestjs/common';
import { isAdmin, type AuthContext } from '@tinystack/auth';
import { badRequest, forbidden } from '@tinystack/errors';
import { AppCredentialsRepository } from '../app-credentials/app-credentials.repository.js';
import { AssignmentsRepository } from '../assignments/assignments.repository.js';
import { EffectiveRolesService } from '../assignments/effective-roles.service.js';
import { DomainsRepository } from '../domains/domains.repository.js';
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
import { requireAdmin, requireAdminOrSelf } from '../shared/policy.js';
import type { ProjectEntity } from './project.entity.js';
import {
  PROJECT_KNOWN_KEYS,
  type CreateProjectInput,
  type UpdateProjectInput,
} from './projects.schemas.js';
import { ProjectsRepository } from './projects.repository.js';

export interface ProjectFilter {
  readonly name: readonly StringFilter[];
  readonly domainId?: string | undefined;
  readonly parentId?: string | undefined;
  readonly enabled?: boolean | undefined;
  readonly isDomain?: boolean | undefined;
}

@Injectable()
export class ProjectsService {
  constructor(
    @Inject(ProjectsRepository) private readonly projects: ProjectsRepository,
    @Inject(DomainsRepository) private readonly domains: DomainsRepository,
    @Inject(AssignmentsRepository) private readonly assignments: AssignmentsRepository,
    @Inject(AppCredentialsRepository) private readonly appCreds: AppCredentialsRepository,
    @Inject(EffectiveRolesService) private readonly roles: EffectiveRolesService,
    @Inject(RevocationsService) private readonly revocations: RevocationsService,
  ) {}

  /** Admin, the token's own project, or a project the caller holds a role on. */
  async get(caller: AuthContext, id: string): Promise<ProjectEntity> {
    if (
      !isAdmin(caller) &&
      caller.projectId !== id &&
      !(await this.roles.targetsOf(caller.userId, 'project')).includes(id)
    ) {
      throw forbidden();
    }
    return this.require(id);
  }

  async require(id: string): Promise<ProjectEntity> {
    const p = await this.projects.findById(id);
    if (!p) {
      throw notFoundOf('project', id);
    }
    return p;
  }

  async list(
    caller: AuthContext,
    f: ProjectFilter,
    page: PageRequest,
  ): Promise<Page<ProjectEntity>> {
    requireAdmin(caller);
    if (f.isDomain === true) {
      return { items: [] };
    }
    const rows = await this.projects.list({
      ...(f.domainId !== undefined ? { domainId: f.domainId } : {}),
      ...(f.parentId !== undefined ? { parentId: f.parentId } : {}),
      ...(f.enabled !== undefined ? { enabled: f.enabled } : {}),
    });
    return paginate(
      rows.filter((p) => matchesString(p.name, f.name)),
      page,
    );
  }

  /** GET /v3/users/{id}/projects: projects the user has a role on (admin or the user itself). */
  async listForUser(caller: AuthContext, userId: string): Promise<ProjectEntity[]> {
    requireAdminOrSelf(caller, userId);
    return this.projects.listByIds(await this.roles.targetsOf(userId, 'project'));
  }

  async create(caller: AuthContext, input: CreateProjectInput): Promise<ProjectEntity> {
    requireAdmin(caller);
    const { known, extra } = splitExtra(input, PROJECT_KNOWN_KEYS);
    const parent = input.parent_id ? await this.projects.findById(input.parent_id) : null;
    if (input.parent_id && !parent && !(await this.domains.findById(input.parent_id))) {
      throw badRequest(`Invalid parent_id: ${input.parent_id}.`);
    }
    const domainId =
      input.domain_id ??
      parent?.domainId ??
      (input.parent_id && !parent ? input.parent_id : undefined) ??
      caller.projectDomainId ??
      caller.domainId ??
      'default';
    if (!(await this.domains.findById(domainId))) {
      throw badRequest(`Could not find domain: ${domainId}.`);
    }
    if (parent && parent.domainId !== domainId) {
      throw badRequest('A project must be in the same domain as its parent.');
    }
    const project: ProjectEntity = {
      id: newId(),
      name: input.name,
      domainId,
      parentId: parent?.id ?? domainId,
      description: (known.description as string | null | undefined) ?? '',
      enabled: input.enabled ?? true,
      tags: input.tags ?? [],
      extra,
      createdAt: Date.now(),
    };
    await uniquely('project', `name ${project.name} at domain ID ${domainId}`, () =>
      this.projects.insert(project),
    );
    return project;
  }

  async update(caller: AuthContext, id: string, input: UpdateProjectInput): Promise<ProjectEntity> {
    requireAdmin(caller);
    const p = await this.require(id);
    const { extra } = splitExtra(input, PROJECT_KNOWN_KEYS);
    for (const key of ['domain_id', 'parent_id', 'is_domain']) {
      if (key in input) {
        throw badRequest(`Cannot update ${key} of a project.`);
      }
    }
    const disabling = p.enabled && input.enabled === false;
    const next: ProjectEntity = {
      ...p,
      name: input.name ?? p.name,
      description: input.description !== undefined ? input.description : p.description,
      enabled: input.enabled ?? p.enabled,
      tags: input.tags ?? p.tags,
      extra: { ...p.extra, ...extra },
    };
    await uniquely('project', `name ${next.name} at domain ID ${next.domainId}`, () =>
      this.projects.save(next),
    );
    if (disabling) {
      await this.revocations.revoke({ projectId: id });
    }
    return next;
  }

  /** Delete a project with its role assignments and application credentials; its tokens are revoked. */
  async delete(caller: AuthContext, id: string): Promise<void> {
    requireAdmin(caller);
    await this.require(id);
    if ((await this.projects.countChildren(id)) > 0) {
      throw forbidden(`Cannot delete project ${id}: it has child projects.`);
    }
    await this.projects.transaction(async (m) => {
      await this.assignments.deleteWhere({ targetIds: [id] }, m);
      await this.appCreds.deleteWhere({ projectId: id }, m);
      await this.projects.delete([id], m);
      await this.revocations.revoke({ projectId: id }, m);
    });
  }
}
