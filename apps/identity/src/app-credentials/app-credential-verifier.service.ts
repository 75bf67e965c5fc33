import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { unauthorized } from '@tinystack/errors';
import { UserCredentialsService, type UserLookup } from '../users/user-credentials.service.js';
import { burnPasswordCheck, verifyPassword } from '../users/password-hasher.js';
import { AppCredentialsRepository } from './app-credentials.repository.js';
import type { ApplicationCredentialEntity } from './application-credential.entity.js';

const MAX_REMEMBERED = 10_000;

/**
 * The application_credential auth method. Secrets are stored as argon2id hashes; after one
 * successful check the process remembers an HMAC of the secret under a per-process random
 * key, so an application re-authenticating with the same secret skips the slow hash (the
 * HMAC is useless outside this process, and it is forgotten when the credential is deleted).
 */
@Injectable()
export class AppCredentialVerifierService {
  private readonly hmacKey = randomBytes(32);
  private readonly verified = new Map<string, Buffer>();

  constructor(
    @Inject(AppCredentialsRepository) private readonly repo: AppCredentialsRepository,
    @Inject(UserCredentialsService) private readonly users: UserCredentialsService,
  ) {}

  async verify(
    ref: { id?: string | undefined; name?: string | undefined; user?: UserLookup | undefined },
    secret: string,
  ): Promise<ApplicationCredentialEntity> {
    const cred = await this.find(ref);
    if (!cred) {
      await burnPasswordCheck(secret);
      throw unauthorized();
    }
    if (!(await this.secretMatches(cred, secret))) {
      throw unauthorized();
    }
    if (cred.expiresAt !== null && cred.expiresAt <= Date.now()) {
      throw unauthorized(`Application credential ${cred.id} has expired.`);
    }
    return cred;
  }

  forget(ids: readonly string[]): void {
    for (const id of ids) {
      this.verified.delete(id);
    }
  }

  private async find(ref: {
    id?: string | undefined;
    name?: string | undefined;
    user?: UserLookup | undefined;
  }) {
    if (ref.id !== undefined) {
      return (await this.repo.findById(ref.id)) ?? undefined;
    }
    const user = ref.user ? await this.users.find(ref.user) : undefined;
    return user && ref.name !== undefined
      ? ((await this.repo.findByName(user.id, ref.name)) ?? undefined)
      : undefined;
  }

  private async secretMatches(cred: ApplicationCredentialEntity, secret: string): Promise<boolean> {
    const mac = createHmac('sha256', this.hmacKey)
      .update(cred.id)
      .update('\u0000')
      .update(secret)
      .digest();
    const known = this.verified.get(cred.id);
    if (known) {
      return timingSafeEqual(known, mac);
    }
    if (!(await verifyPassword(cred.secretHash, secret))) {
      return false;
    }
    if (this.verified.size >= MAX_REMEMBERED) {
      this.verified.clear();
    }
    this.verified.set(cred.id, mac);
    return true;
  }
}
