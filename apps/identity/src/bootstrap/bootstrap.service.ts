import { Inject, Injectable } from '@nestjs/common';
import { isUniqueViolation } from '@tinystack/db';
import { loggerFor } from '@tinystack/logging';
import { AssignmentsRepository } from '../assignments/assignments.repository.js';
import type { AssignmentType } from '../assignments/role-assignment.entity.js';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config.js';
import { DomainsRepository } from '../domains/domains.repository.js';
import type { ProjectEntity } from '../projects/project.entity.js';
import { ProjectsRepository } from '../projects/projects.repository.js';
import { RevocationsService } from '../revocations/revocations.service.js';
import { GLOBAL_ROLE_DOMAIN, type RoleEntity } from '../roles/role.entity.js';
import { RolesRepository } from '../roles/roles.repository.js';
import { newId } from '../shared/ids.js';
import { hashPassword, verifyPassword } from '../users/password-hasher.js';
import type { UserEntity } from '../users/user.entity.js';
import { UsersRepository } from '../users/users.repository.js';
import {
  ADMIN_PROJECT,
  DEFAULT_DOMAIN,
  DEFAULT_ROLES,
  SERVICE_PROJECT,
  SERVICE_USER_OPTIONS,
  SERVICE_USERS,
} from './bootstrap.plan.js';
import { CatalogBootstrapService } from './catalog-bootstrap.service.js';

/** Insert, tolerating a concurrent instance inserting the same row first. */
async function insertOnce(write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (err) {
    if (!isUniqueViolation(err)) {
      throw err;
    }
  }
}

/**
 * First-start setup, like `keystone-manage bootstrap`, and idempotent: every start makes
 * sure the Default domain, the admin/member/reader roles (admin implies member implies
 * reader), the admin and service projects, the admin user and one service user per service
 * (with the configured passwords) and the catalog exist, changing only what differs.
 */
@Injectable()
export class BootstrapService {
  private readonly log = loggerFor('BootstrapService');

  constructor(
    @Inject(IDENTITY_CONFIG) private readonly cfg: IdentityConfig,
    @Inject(DomainsRepository) private readonly domains: DomainsRepository,
    @Inject(ProjectsRepository) private readonly projects: ProjectsRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(RolesRepository) private readonly roles: RolesRepository,
    @Inject(AssignmentsRepository) private readonly assignments: AssignmentsRepository,
    @Inject(RevocationsService) private readonly revocations: RevocationsService,
    @Inject(CatalogBootstrapService) private readonly catalog: CatalogBootstrapService,
  ) {}

  async run(): Promise<void> {
    await this.ensureDomain();
    const admin = (await this.ensureRoles()).get('admin') as RoleEntity;
    const adminProject = await this.ensureProject(
      ADMIN_PROJECT,
      'Bootstrap project for initializing the cloud.',
    );
    const serviceProject = await this.ensureProject(
      SERVICE_PROJECT,
      'Project of the service users.',
    );
    const adminUser = await this.ensureUser('admin', this.cfg.TINYSTACK_ADMIN_PASSWORD, {});
    await this.grant('UserProject', adminUser.id, adminProject.id, admin.id);
    await this.grant('UserDomain', adminUser.id, DEFAULT_DOMAIN.id, admin.id);
    for (const name of SERVICE_USERS) {
      const user = await this.ensureUser(
        name,
        this.cfg.TINYSTACK_SERVICE_PASSWORD,
        SERVICE_USER_OPTIONS,
      );
      await this.grant('UserProject', user.id, serviceProject.id, admin.id);
    }
    await this.catalog.run();
    this.log.info(
      { adminProject: adminProject.id, serviceProject: serviceProject.id },
      'bootstrap complete',
    );
  }

  private grant(
    type: AssignmentType,
    actorId: string,
    targetId: string,
    roleId: string,
  ): Promise<void> {
    return this.assignments.grant({ type, actorId, targetId, roleId });
  }

  private async ensureDomain(): Promise<void> {
    if (!(await this.domains.findById(DEFAULT_DOMAIN.id))) {
      await insertOnce(() =>
        this.domains.insert({
          ...DEFAULT_DOMAIN,
          description: 'The default domain',
          enabled: true,
          extra: {},
          createdAt: Date.now(),
        }),
      );
    }
  }

  private async ensureRoles(): Promise<Map<string, RoleEntity>> {
    const byName = async () =>
      new Map(
        (await this.roles.listAll())
          .filter((r) => r.domainId === GLOBAL_ROLE_DOMAIN)
          .map((r) => [r.name, r]),
      );
    let found = await byName();
    for (const name of DEFAULT_ROLES) {
      if (!found.has(name)) {
        const role = {
          id: newId(),
          name,
          domainId: GLOBAL_ROLE_DOMAIN,
          description: null,
          extra: {},
          createdAt: Date.now(),
        };
        await insertOnce(() => this.roles.insert(role));
      }
    }
    found = await byName();
    const [admin, member, reader] = DEFAULT_ROLES.map((n) => found.get(n) as RoleEntity);
    await this.roles.addImplication(admin.id, member.id);
    await this.roles.addImplication(member.id, reader.id);
    return found;
  }

  private async ensureProject(name: string, description: string): Promise<ProjectEntity> {
    const existing = await this.projects.findByName(DEFAULT_DOMAIN.id, name);
    if (existing) {
      return existing;
    }
    const p: ProjectEntity = {
      id: newId(),
      name,
      domainId: DEFAULT_DOMAIN.id,
      parentId: DEFAULT_DOMAIN.id,
      description,
      enabled: true,
      tags: [],
      extra: {},
      createdAt: Date.now(),
    };
    await insertOnce(() => this.projects.insert(p));
    return (await this.projects.findByName(DEFAULT_DOMAIN.id, name)) as ProjectEntity;
  }

  /**
   * The user, created or brought back to the configured password and enabled
   * (keystone-manage resets both), with at least `options`.
   */
  private async ensureUser(
    name: string,
    password: string,
    options: Record<string, unknown>,
  ): Promise<UserEntity> {
    const existing = await this.users.findByName(DEFAULT_DOMAIN.id, name);
    if (!existing) {
      const user = await newUser(name, password, options);
      await insertOnce(() => this.users.insert(user));
      return (await this.users.findByName(DEFAULT_DOMAIN.id, name)) as UserEntity;
    }
    const passwordOk =
      existing.passwordHash !== null && (await verifyPassword(existing.passwordHash, password));
    const hasOptions = Object.entries(options).every(([k, v]) => existing.options[k] === v);
    if (passwordOk && existing.enabled && hasOptions) {
      return existing;
    }
    const next: UserEntity = {
      ...existing,
      enabled: true,
      failedAuthCount: 0,
      failedAuthAt: null,
      options: { ...existing.options, ...options },
      ...(passwordOk
        ? {}
        : { passwordHash: await hashPassword(password), passwordChangedAt: Date.now() }),
    };
    await this.users.save(next);
    if (!passwordOk) {
      await this.revocations.revoke({ userId: existing.id });
      this.log.warn({ user: name }, 'bootstrap reset the password of an existing user');
    }
    return next;
  }
}

async function newUser(
  name: string,
  password: string,
  options: Record<string, unknown>,
): Promise<UserEntity> {
  return {
    id: newId(),
    name,
    domainId: DEFAULT_DOMAIN.id,
    enabled: true,
    defaultProjectId: null,
    passwordHash: await hashPassword(password),
    passwordChangedAt: Date.now(),
    failedAuthCount: 0,
    failedAuthAt: null,
    options,
    extra: {},
    createdAt: Date.now(),
  };
}
