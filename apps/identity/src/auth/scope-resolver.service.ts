import { Inject, Injectable } from '@nestjs/common';
import { badRequest, DomainError, unauthorized } from '@tinystack/errors';
import { EffectiveRolesService } from '../assignments/effective-roles.service.js';
import type { DomainEntity } from '../domains/domain.entity.js';
import { DomainsRepository } from '../domains/domains.repository.js';
import type { ProjectEntity } from '../projects/project.entity.js';
import { ProjectsRepository } from '../projects/projects.repository.js';
import type { RoleEntity } from '../roles/role.entity.js';
import { expandImplied, RolesRepository } from '../roles/roles.repository.js';
import type { UserEntity } from '../users/user.entity.js';
import type { DomainRef, ScopeRequest } from './auth.schemas.js';

export interface ResolvedScope {
  readonly project?: { id: string; name: string; domainId: string; domainName: string };
  readonly domain?: { id: string; name: string };
  readonly roles: readonly RoleEntity[];
}

const UNSCOPED: ResolvedScope = { roles: [] };

/**
 * Decides a token's scope and its effective roles. A user with no role on the requested
 * project or domain gets no token (401, as Keystone); without a scope the user's default
 * project is used when the user still has a role on it.
 */
@Injectable()
export class ScopeResolverService {
  constructor(
    @Inject(ProjectsRepository) private readonly projects: ProjectsRepository,
    @Inject(DomainsRepository) private readonly domains: DomainsRepository,
    @Inject(EffectiveRolesService) private readonly roles: EffectiveRolesService,
    @Inject(RolesRepository) private readonly roleGraph: RolesRepository,
  ) {}

  async resolve(user: UserEntity, scope: ScopeRequest | undefined): Promise<ResolvedScope> {
    if (scope === 'unscoped') {
      return UNSCOPED;
    }
    if (scope === undefined) {
      return this.defaultScope(user);
    }
    if ('system' in scope) {
      throw badRequest('System scope is not supported.');
    }
    if ('domain' in scope) {
      return this.domainScope(user, await this.findDomain(scope.domain));
    }
    const p = scope.project;
    const project =
      p.id !== undefined
        ? await this.projects.cachedById(p.id)
        : await this.findDomain(p.domain as DomainRef).then((d) =>
            this.projects.cachedByName(d.id, p.name ?? ''),
          );
    if (!project) {
      throw unauthorized(`Could not find project: ${p.id ?? p.name}.`);
    }
    return this.projectScope(user.id, project);
  }

  /** Project scope for `userId` with its effective roles; 401 when disabled or without a role. */
  async projectScope(userId: string, project: ProjectEntity): Promise<ResolvedScope> {
    const domain = await this.domains.cachedById(project.domainId);
    if (!project.enabled || !domain?.enabled) {
      throw unauthorized(`Project ${project.id} is disabled.`);
    }
    const roles = await this.roles.rolesOn(userId, { projectId: project.id });
    if (roles.length === 0) {
      throw unauthorized(`User ${userId} has no access to project ${project.id}.`);
    }
    return {
      project: { id: project.id, name: project.name, domainId: domain.id, domainName: domain.name },
      roles,
    };
  }

  /** Role ids plus those they imply. */
  async expandRoleIds(roleIds: readonly string[]): Promise<string[]> {
    return expandImplied(await this.roleGraph.graph(), roleIds).map((r) => r.id);
  }

  private async domainScope(user: UserEntity, domain: DomainEntity): Promise<ResolvedScope> {
    if (!domain.enabled) {
      throw unauthorized(`Domain ${domain.id} is disabled.`);
    }
    const roles = await this.roles.rolesOn(user.id, { domainId: domain.id });
    if (roles.length === 0) {
      throw unauthorized(`User ${user.id} has no access to domain ${domain.id}.`);
    }
    return { domain: { id: domain.id, name: domain.name }, roles };
  }

  private async defaultScope(user: UserEntity): Promise<ResolvedScope> {
    if (!user.defaultProjectId) {
      return UNSCOPED;
    }
    const project = await this.projects.cachedById(user.defaultProjectId);
    if (!project) {
      return UNSCOPED;
    }
    // A default project the user lost access to means an unscoped token, as in Keystone.
    return this.projectScope(user.id, project).catch((err: unknown) => {
      if (err instanceof DomainError && err.kind === 'unauthorized') {
        return UNSCOPED;
      }
      throw err;
    });
  }

  private async findDomain(ref: DomainRef): Promise<DomainEntity> {
    const d =
      ref.id !== undefined
        ? await this.domains.cachedById(ref.id)
        : await this.domains.cachedByName(ref.name ?? '');
    if (!d) {
      throw unauthorized(`Could not find domain: ${ref.id ?? ref.name}.`);
    }
    return d;
  }
}
