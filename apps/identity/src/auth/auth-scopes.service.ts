import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '@tinystack/auth';
import { forbidden } from '@tinystack/errors';
import { EffectiveRolesService } from '../assignments/effective-roles.service.js';
import { CatalogService, type CatalogEntryJson } from '../catalog/catalog.service.js';
import type { DomainEntity } from '../domains/domain.entity.js';
import { DomainsRepository } from '../domains/domains.repository.js';
import type { ProjectEntity } from '../projects/project.entity.js';
import { ProjectsRepository } from '../projects/projects.repository.js';

/** GET /v3/auth/{catalog,projects,domains}: what the caller's token can reach. */
@Injectable()
export class AuthScopesService {
  constructor(
    @Inject(CatalogService) private readonly catalog: CatalogService,
    @Inject(EffectiveRolesService) private readonly roles: EffectiveRolesService,
    @Inject(ProjectsRepository) private readonly projects: ProjectsRepository,
    @Inject(DomainsRepository) private readonly domains: DomainsRepository,
  ) {}

  async catalogOf(caller: AuthContext): Promise<CatalogEntryJson[]> {
    if (!caller.projectId && !caller.domainId) {
      throw forbidden('The service catalog is available to scoped tokens only.');
    }
    return this.catalog.catalogFor(caller.userId, caller.projectId);
  }

  /** Enabled projects the user holds a role on (in enabled domains). */
  async projectsOf(userId: string): Promise<ProjectEntity[]> {
    const ids = await this.roles.targetsOf(userId, 'project');
    const found = (await this.projects.listByIds(ids)).filter((p) => p.enabled);
    const enabledDomains = new Set(
      (await this.domains.listByIds([...new Set(found.map((p) => p.domainId))]))
        .filter((d) => d.enabled)
        .map((d) => d.id),
    );
    return found.filter((p) => enabledDomains.has(p.domainId));
  }

  async domainsOf(userId: string): Promise<DomainEntity[]> {
    const ids = await this.roles.targetsOf(userId, 'domain');
    return (await this.domains.listByIds(ids)).filter((d) => d.enabled);
  }
}
