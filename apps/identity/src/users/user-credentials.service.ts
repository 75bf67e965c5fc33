import { Inject, Injectable } from '@nestjs/common';
import { unauthorized } from '@tinystack/errors';
import { loggerFor } from '@tinystack/logging';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config.js';
import type { DomainEntity } from '../domains/domain.entity.js';
import { DomainsRepository } from '../domains/domains.repository.js';
import { burnPasswordCheck, verifyPassword } from './password-hasher.js';
import type { UserEntity } from './user.entity.js';
import { UsersRepository } from './users.repository.js';

export interface UserLookup {
  readonly id?: string | undefined;
  readonly name?: string | undefined;
  readonly domain?:
    { readonly id?: string | undefined; readonly name?: string | undefined } | undefined;
}

export interface AuthenticatedUser {
  readonly user: UserEntity;
  readonly domain: DomainEntity;
}

/**
 * Password checks with lockout: IDENTITY_LOCKOUT_FAILURES failures in a row lock the
 * account for IDENTITY_LOCKOUT_DURATION, even for the right password (Keystone's
 * lockout_failure_attempts / lockout_duration). Unknown users take as long as known ones.
 */
@Injectable()
export class UserCredentialsService {
  private readonly log = loggerFor('UserCredentialsService');

  constructor(
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(DomainsRepository) private readonly domains: DomainsRepository,
    @Inject(IDENTITY_CONFIG) private readonly cfg: IdentityConfig,
  ) {}

  /** The user a login names (by id, or by name within a domain given by id or name). */
  async find(ref: UserLookup): Promise<UserEntity | undefined> {
    if (ref.id !== undefined) {
      return (await this.users.findById(ref.id)) ?? undefined;
    }
    if (ref.name === undefined || ref.domain === undefined) {
      return undefined;
    }
    const domain =
      ref.domain.id !== undefined
        ? await this.domains.cachedById(ref.domain.id)
        : await this.domains.cachedByName(ref.domain.name ?? '');
    if (
      !domain ||
      (ref.domain.id !== undefined &&
        ref.domain.name !== undefined &&
        domain.name !== ref.domain.name)
    ) {
      return undefined;
    }
    return (await this.users.findByName(domain.id, ref.name)) ?? undefined;
  }

  /** The password method: the user, when the password is right and the account usable. */
  async authenticate(ref: UserLookup, password: string): Promise<AuthenticatedUser> {
    const user = await this.find(ref);
    if (!user) {
      await burnPasswordCheck(password);
      throw unauthorized();
    }
    await this.checkPassword(user, password);
    return this.requireUsable(user);
  }

  /** Verify `password` for `user`, counting failures toward the lockout. */
  async checkPassword(user: UserEntity, password: string): Promise<void> {
    const now = Date.now();
    const limit = this.cfg.IDENTITY_LOCKOUT_FAILURES;
    const exempt = user.options['ignore_lockout_failure_attempts'] === true || limit === 0;
    const locked =
      !exempt &&
      user.failedAuthCount >= limit &&
      (user.failedAuthAt ?? 0) + this.cfg.IDENTITY_LOCKOUT_DURATION > now;
    if (locked) {
      await burnPasswordCheck(password);
      this.log.warn({ userId: user.id }, 'login refused: account locked');
      throw unauthorized(`The account is locked for user: ${user.id}.`);
    }
    const ok = user.passwordHash !== null && (await verifyPassword(user.passwordHash, password));
    if (!ok) {
      const expired = (user.failedAuthAt ?? 0) + this.cfg.IDENTITY_LOCKOUT_DURATION <= now;
      if (expired && user.failedAuthCount > 0) {
        await this.users.clearFailures(user.id);
      }
      await this.users.recordFailure(user.id, now);
      this.log.warn(
        { userId: user.id, failures: (expired ? 0 : user.failedAuthCount) + 1 },
        'login failed',
      );
      throw unauthorized();
    }
    if (user.failedAuthCount > 0) {
      await this.users.clearFailures(user.id);
    }
  }

  /** The user and its domain, when both are enabled. */
  async requireUsable(user: UserEntity): Promise<AuthenticatedUser> {
    if (!user.enabled) {
      throw unauthorized(`The account is disabled for user: ${user.id}.`);
    }
    const domain = await this.domains.cachedById(user.domainId);
    if (!domain || !domain.enabled) {
      throw unauthorized(`The domain of user ${user.id} is disabled.`);
    }
    return { user, domain };
  }
}
