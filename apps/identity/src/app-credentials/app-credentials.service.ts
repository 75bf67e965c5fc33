import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '@tinystack/auth';
import { badRequest, forbidden } from '@tinystack/errors';
import { RevocationsService } from '../revocations/revocations.service.js';
import { RolesRepository } from '../roles/roles.repository.js';
import { notFoundOf, uniquely } from '../shared/errors.js';
import { newId, newSecret } from '../shared/ids.js';
import { matchesString, type StringFilter } from '../shared/list-filter.js';
import { requireAdminOrSelf } from '../shared/policy.js';
import { parseTimestamp } from '../shared/time.js';
import { hashPassword } from '../users/password-hasher.js';
import { AppCredentialVerifierService } from './app-credential-verifier.service.js';
import { AppCredentialsRepository } from './app-credentials.repository.js';
import type { CreateAppCredentialInput } from './app-credentials.schemas.js';
import type { ApplicationCredentialEntity } from './application-credential.entity.js';

/**
 * Application credentials: a user delegates some of its roles on its current project to a
 * secret an application can log in with. Only the owner creates them (with a
 * project-scoped token, never from a restricted application credential); the owner or an
 * admin reads and deletes them.
 */
@Injectable()
export class AppCredentialsService {
  constructor(
    @Inject(AppCredentialsRepository) private readonly repo: AppCredentialsRepository,
    @Inject(RolesRepository) private readonly roles: RolesRepository,
    @Inject(AppCredentialVerifierService) private readonly verifier: AppCredentialVerifierService,
    @Inject(RevocationsService) private readonly revocations: RevocationsService,
  ) {}

  async create(
    caller: AuthContext,
    userId: string,
    input: CreateAppCredentialInput,
  ): Promise<{ cred: ApplicationCredentialEntity; secret: string }> {
    if (caller.userId !== userId) {
      throw forbidden('Application credentials can only be created for yourself.');
    }
    if (!caller.projectId) {
      throw forbidden('Application credentials can only be created with a project-scoped token.');
    }
    await this.requireUnrestricted(caller);
    const expiresAt = this.expiry(input.expires_at);
    const roleIds = await this.delegatedRoles(caller, input.roles);
    const secret = input.secret ?? newSecret();
    const cred: ApplicationCredentialEntity = {
      id: newId(),
      name: input.name,
      userId,
      projectId: caller.projectId,
      secretHash: await hashPassword(secret),
      description: input.description ?? null,
      expiresAt,
      unrestricted: input.unrestricted ?? false,
      roleIds,
      createdAt: Date.now(),
    };
    await uniquely('application_credential', `name ${cred.name}`, () => this.repo.insert(cred));
    return { cred, secret };
  }

  async list(
    caller: AuthContext,
    userId: string,
    name: StringFilter[],
  ): Promise<ApplicationCredentialEntity[]> {
    requireAdminOrSelf(caller, userId);
    return (await this.repo.listForUser(userId)).filter((c) => matchesString(c.name, name));
  }

  async get(caller: AuthContext, userId: string, id: string): Promise<ApplicationCredentialEntity> {
    requireAdminOrSelf(caller, userId);
    const c = await this.repo.findById(id);
    if (!c || c.userId !== userId) {
      throw notFoundOf('application credential', id);
    }
    return c;
  }

  /** Delete a credential; tokens issued with it are revoked. */
  async delete(caller: AuthContext, userId: string, id: string): Promise<void> {
    await this.get(caller, userId, id);
    await this.requireUnrestricted(caller);
    await this.repo.transaction(async (m) => {
      await this.repo.deleteWhere({ ids: [id] }, m);
      await this.revocations.revoke({ applicationCredentialId: id }, m);
    });
    this.verifier.forget([id]);
  }

  private async requireUnrestricted(caller: AuthContext): Promise<void> {
    if (caller.applicationCredentialId) {
      const used = await this.repo.findById(caller.applicationCredentialId);
      if (!used?.unrestricted) {
        throw forbidden(
          'A restricted application credential cannot manage application credentials.',
        );
      }
    }
  }

  private expiry(raw: string | null | undefined): number | null {
    if (raw === undefined || raw === null) {
      return null;
    }
    const at = parseTimestamp(raw);
    if (at === undefined) {
      throw badRequest(`Invalid input for field 'expires_at': '${raw}' is not a timestamp.`);
    }
    if (at <= Date.now()) {
      throw badRequest("Invalid input for field 'expires_at': it is in the past.");
    }
    return at;
  }

  /** The requested roles (all of the token's when none are named), each held by the caller's token. */
  private async delegatedRoles(
    caller: AuthContext,
    wanted: CreateAppCredentialInput['roles'],
  ): Promise<string[]> {
    if (!wanted || wanted.length === 0) {
      return caller.roles.map((r) => r.id);
    }
    const graph = await this.roles.graph();
    return [
      ...new Set(
        wanted.map((w) => {
          const role =
            w.id !== undefined
              ? graph.roles.get(w.id)
              : [...graph.roles.values()].find(
                  (r) => r.name === w.name && (w.domain_id ?? '') === r.domainId,
                );
          if (!role) {
            throw notFoundOf('role', w.id ?? w.name ?? '');
          }
          if (!caller.roles.some((r) => r.id === role.id)) {
            throw forbidden(`You do not hold role ${role.name} on project ${caller.projectId}.`);
          }
          return role.id;
        }),
      ),
    ];
  }
}
