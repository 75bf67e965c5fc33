import { Global, Module } from '@nestjs/common';
import { AppCredentialsRepository } from './app-credentials/app-credentials.repository.js';
import { AssignmentRevokerService } from './assignments/assignment-revoker.service.js';
import { AssignmentsRepository } from './assignments/assignments.repository.js';
import { EffectiveRolesService } from './assignments/effective-roles.service.js';
import { CatalogRepository } from './catalog/catalog.repository.js';
import { DomainsRepository } from './domains/domains.repository.js';
import { GroupsRepository } from './groups/groups.repository.js';
import { ProjectsRepository } from './projects/projects.repository.js';
import { RolesRepository } from './roles/roles.repository.js';
import { UsersRepository } from './users/users.repository.js';
import { RevocationsModule } from './revocations/revocations.module.js';

const REPOSITORIES = [
  DomainsRepository,
  ProjectsRepository,
  UsersRepository,
  GroupsRepository,
  RolesRepository,
  AssignmentsRepository,
  AppCredentialsRepository,
  CatalogRepository,
  EffectiveRolesService,
  AssignmentRevokerService,
];

/**
 * The data layer shared by the feature modules. Services may read and write any table
 * through these (a project delete also removes its role assignments in one transaction),
 * while services only call services of features they build on, so modules never cycle.
 */
@Global()
@Module({ imports: [RevocationsModule], providers: REPOSITORIES, exports: REPOSITORIES })
export class RepositoriesModule {}
