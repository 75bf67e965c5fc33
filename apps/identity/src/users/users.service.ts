import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '@tinystack/auth';
import { badRequest, forbidden, unauthorized } from '@tinystack/errors';
import { AppCredentialsRepository } from '../app-credentials/app-credentials.repository.js';
import { AssignmentsRepository } from '../assignments/assignments.repository.js';
import { DomainsRepository } from '../domains/domains.repository.js';
import { GroupsRepository } from '../groups/groups.repository.js';
import { ProjectsRepository } from '../projects/projects.repository.js';
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
import { hashPassword } from './password-hasher.js';
import { UserCredentialsService } from './user-credentials.service.js';
import type { UserEntity } from './user.entity.js';
import {
  USER_KNOWN_KEYS,
  type ChangePasswordInput,
  type CreateUserInput,
  type UpdateUserInput,
} from './users.schemas.js';
import { UsersRepository } from './users.repository.js';

export interface UserFilter {
  readonly name: readonly StringFilter[];
  readonly domainId?: string | undefined;
  readonly enabled?: boolean | undefined;
}

const cleanOptions = (o: Record<string, unknown> | undefined, base: Record<string, unknown> = {}) =>
  Object.fromEntries(
    Object.entries({ ...base, ...(o ?? {}) }).filter(([, v]) => v !== null && v !== undefined),
  );

@Injectable()
export class UsersService {
  constructor(
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(DomainsRepository) private readonly domains: DomainsRepository,
    @Inject(ProjectsRepository) private readonly projects: ProjectsRepository,
    @Inject(GroupsRepository) private readonly groups: GroupsRepository,
    @Inject(AssignmentsRepository) private readonly assignments: AssignmentsRepository,
    @Inject(AppCredentialsRepository) private readonly appCreds: AppCredentialsRepository,
    @Inject(UserCredentialsService) private readonly credentials: UserCredentialsService,
    @Inject(RevocationsService) private readonly revocations: RevocationsService,
  ) {}

  async get(caller: AuthContext, id: string): Promise<UserEntity> {
    requireAdminOrSelf(caller, id);
    return this.require(id);
  }

  async require(id: string): Promise<UserEntity> {
    const u = await this.users.findById(id);
    if (!u) {
      throw notFoundOf('user', id);
    }
    return u;
  }

  async list(caller: AuthContext, f: UserFilter, page: PageRequest): Promise<Page<UserEntity>> {
    requireAdmin(caller);
    const rows = await this.users.list({
      ...(f.domainId !== undefined ? { domainId: f.domainId } : {}),
      ...(f.enabled !== undefined ? { enabled: f.enabled } : {}),
    });
    return paginate(
      rows.filter((u) => matchesString(u.name, f.name)),
      page,
    );
  }

  async create(caller: AuthContext, input: CreateUserInput): Promise<UserEntity> {
    requireAdmin(caller);
    const { extra } = splitExtra(input, USER_KNOWN_KEYS);
    const domainId = input.domain_id ?? caller.projectDomainId ?? caller.domainId ?? 'default';
    if (!(await this.domains.findById(domainId))) {
      throw badRequest(`Could not find domain: ${domainId}.`);
    }
    await this.checkDefaultProject(input.default_project_id);
    const user: UserEntity = {
      id: newId(),
      name: input.name,
      domainId,
      enabled: input.enabled ?? true,
      defaultProjectId: input.default_project_id ?? null,
      passwordHash: input.password ? await hashPassword(input.password) : null,
      passwordChangedAt: input.password ? Date.now() : null,
      failedAuthCount: 0,
      failedAuthAt: null,
      options: cleanOptions(input.options),
      extra,
      createdAt: Date.now(),
    };
    await uniquely('user', `name ${user.name} at domain ID ${domainId}`, () =>
      this.users.insert(user),
    );
    return user;
  }

  /** Admin update; a new password or disabling the user revokes the user's tokens. */
  async update(caller: AuthContext, id: string, input: UpdateUserInput): Promise<UserEntity> {
    requireAdmin(caller);
    const u = await this.require(id);
    const { extra } = splitExtra(input, USER_KNOWN_KEYS);
    if ('domain_id' in input) {
      throw badRequest('Cannot change the domain of a user.');
    }
    await this.checkDefaultProject(input.default_project_id);
    const newPassword = input.password !== undefined;
    const next: UserEntity = {
      ...u,
      name: input.name ?? u.name,
      enabled: input.enabled ?? u.enabled,
      defaultProjectId:
        input.default_project_id !== undefined ? input.default_project_id : u.defaultProjectId,
      passwordHash: newPassword
        ? input.password
          ? await hashPassword(input.password)
          : null
        : u.passwordHash,
      passwordChangedAt: newPassword ? Date.now() : u.passwordChangedAt,
      failedAuthCount: newPassword || (input.enabled && !u.enabled) ? 0 : u.failedAuthCount,
      options: cleanOptions(input.options, u.options),
      extra: Object.fromEntries(
        Object.entries({ ...u.extra, ...extra }).filter(([, v]) => v !== null),
      ),
    };
    await uniquely('user', `name ${next.name} at domain ID ${next.domainId}`, () =>
      this.users.transaction(async (m) => {
        await this.users.save(next, m);
        if (newPassword || (u.enabled && !next.enabled)) {
          await this.revocations.revoke({ userId: id }, m);
        }
      }),
    );
    return next;
  }

  /** POST /v3/users/{id}/password: users change their own password, proving the old one. */
  async changePassword(id: string, input: ChangePasswordInput): Promise<void> {
    const u = await this.users.findById(id);
    if (!u) {
      throw unauthorized();
    }
    if (u.options['lock_password'] === true) {
      throw forbidden(`You are not allowed to change the password of user ${id}.`);
    }
    await this.credentials.checkPassword(u, input.original_password);
    const passwordHash = await hashPassword(input.password);
    await this.users.transaction(async (m) => {
      await this.users.save(
        {
          ...u,
          passwordHash,
          passwordChangedAt: Date.now(),
          failedAuthCount: 0,
          failedAuthAt: null,
        },
        m,
      );
      await this.revocations.revoke({ userId: id }, m);
    });
  }

  /** Delete a user with its assignments, memberships and application credentials; its tokens are revoked. */
  async delete(caller: AuthContext, id: string): Promise<void> {
    requireAdmin(caller);
    await this.require(id);
    await this.users.transaction(async (m) => {
      await this.assignments.deleteWhere(
        { types: ['UserProject', 'UserDomain'], actorIds: [id] },
        m,
      );
      await this.groups.removeUserEverywhere([id], m);
      await this.appCreds.deleteWhere({ userId: id }, m);
      await this.users.delete([id], m);
      await this.revocations.revoke({ userId: id }, m);
    });
  }

  private async checkDefaultProject(projectId: string | null | undefined): Promise<void> {
    if (projectId && !(await this.projects.findById(projectId))) {
      throw badRequest(`Could not find project: ${projectId}.`);
    }
  }
}
