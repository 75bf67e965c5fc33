import { Inject, Injectable } from '@nestjs/common';
import { AppCredentialsRepository } from '../app-credentials/app-credentials.repository.js';
import { AssignmentsRepository } from '../assignments/assignments.repository.js';
import { GroupsRepository } from '../groups/groups.repository.js';
import { ProjectsRepository } from '../projects/projects.repository.js';
import { RevocationsService } from '../revocations/revocations.service.js';
import { RolesRepository } from '../roles/roles.repository.js';
import { UsersRepository } from '../users/users.repository.js';
import { DomainsRepository } from './domains.repository.js';

/** What disabling or deleting a domain does to the projects, users, groups and roles in it. */
@Injectable()
export class DomainCascadeService {
  constructor(
    @Inject(DomainsRepository) private readonly domains: DomainsRepository,
    @Inject(ProjectsRepository) private readonly projects: ProjectsRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(GroupsRepository) private readonly groups: GroupsRepository,
    @Inject(RolesRepository) private readonly roles: RolesRepository,
    @Inject(AssignmentsRepository) private readonly assignments: AssignmentsRepository,
    @Inject(AppCredentialsRepository) private readonly appCreds: AppCredentialsRepository,
    @Inject(RevocationsService) private readonly revocations: RevocationsService,
  ) {}

  /** Tokens scoped to the domain's projects stop working (the domain rule covers the rest). */
  async revokeProjectsOf(domainId: string): Promise<void> {
    for (const p of await this.projects.list({ domainId })) {
      await this.revocations.revoke({ projectId: p.id });
    }
  }

  async deleteDomain(domainId: string): Promise<void> {
    const projectIds = (await this.projects.list({ domainId })).map((p) => p.id);
    const userIds = (await this.users.list({ domainId })).map((u) => u.id);
    const groupIds = (await this.groups.list({ domainId })).map((g) => g.id);
    const roleIds = (await this.roles.listAll())
      .filter((r) => r.domainId === domainId)
      .map((r) => r.id);
    await this.domains.transaction(async (m) => {
      await this.assignments.deleteWhere({ targetIds: [...projectIds, domainId] }, m);
      await this.assignments.deleteWhere({ actorIds: [...userIds, ...groupIds] }, m);
      await this.assignments.deleteWhere({ roleIds }, m);
      await this.appCreds.deleteWhere({ userIds }, m);
      await this.appCreds.deleteWhere({ projectIds }, m);
      await this.groups.removeUserEverywhere(userIds, m);
      await this.groups.delete(groupIds, m);
      await this.users.delete(userIds, m);
      await this.projects.delete(projectIds, m);
      await this.roles.delete(roleIds, m);
      await this.domains.delete(domainId, m);
      await this.revocations.revoke({ domainId }, m);
    });
  }
}
