import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '@tinystack/auth';
import { badRequest } from '@tinystack/errors';
import { QuotasService } from '../quotas/quotas.service.js';
import { KeypairNotFound } from '../shared/compute.errors.js';
import { projectOf, requireAdmin, requireMember, requireReader } from '../shared/policy.js';
import type { KeypairEntity } from './keypair.entity.js';
import { KeypairsRepository } from './keypairs.repository.js';
import { generateSshKeypair, sshFingerprint, x509Fingerprint } from './ssh-keys.js';

export interface NewKeypair {
  readonly name: string;
  readonly publicKey?: string | undefined;
  readonly type: 'ssh' | 'x509';
  /** 2.10: an admin may create one for another user. */
  readonly userId?: string | undefined;
}

/** Key pairs belong to a user; admins may act for another user from 2.10. */
@Injectable()
export class KeypairsService {
  constructor(
    @Inject(KeypairsRepository) private readonly repo: KeypairsRepository,
    @Inject(QuotasService) private readonly quotas: QuotasService,
  ) {}

  /** The user whose key pairs the call is about: the caller's own unless an admin names another. */
  ownerOf(caller: AuthContext, userId: string | undefined): string {
    if (userId !== undefined && userId !== caller.userId) {
      requireAdmin(caller, 'os_compute_api:os-keypairs (another user)');
      return userId;
    }
    return caller.userId;
  }

  /** Import `publicKey`, or generate a pair (then the private key is returned once). */
  async create(caller: AuthContext, req: NewKeypair): Promise<{ keypair: KeypairEntity; privateKey?: string }> {
    requireMember(caller);
    const userId = this.ownerOf(caller, req.userId);
    await this.quotas.checkKeypairs(projectOf(caller), userId);
    let publicKey = req.publicKey;
    let fingerprint: string | undefined;
    let privateKey: string | undefined;
    if (publicKey === undefined) {
      if (req.type === 'x509') {
        throw badRequest('Keypair data is invalid: generating x509 key pairs is not supported; import a certificate');
      }
      ({ publicKey, privateKey, fingerprint } = generateSshKeypair());
    } else {
      fingerprint = req.type === 'x509' ? x509Fingerprint(publicKey) : sshFingerprint(publicKey);
      if (!fingerprint) {
        throw badRequest('Keypair data is invalid: failed to generate fingerprint');
      }
    }
    const keypair = await this.repo.insert({
      name: req.name,
      userId,
      fingerprint,
      publicKey,
      type: req.type,
      createdAt: Date.now(),
    });
    return privateKey === undefined ? { keypair } : { keypair, privateKey };
  }

  async list(caller: AuthContext, userId: string | undefined, limit: number, marker?: string): Promise<KeypairEntity[]> {
    requireReader(caller);
    const owner = this.ownerOf(caller, userId);
    if (marker !== undefined && !(await this.repo.find(owner, marker))) {
      throw badRequest(`marker [${marker}] not found`);
    }
    return this.repo.list(owner, limit, marker);
  }

  async get(caller: AuthContext, name: string, userId?: string): Promise<KeypairEntity> {
    requireReader(caller);
    const owner = this.ownerOf(caller, userId);
    const kp = await this.repo.find(owner, name);
    if (!kp) {
      throw new KeypairNotFound(name, owner);
    }
    return kp;
  }

  async delete(caller: AuthContext, name: string, userId?: string): Promise<void> {
    requireMember(caller);
    const owner = this.ownerOf(caller, userId);
    if (!(await this.repo.delete(owner, name))) {
      throw new KeypairNotFound(name, owner);
    }
  }

  /** The key a server boots with (server create): unknown is a 400 as Nova answers. */
  async forBoot(caller: AuthContext, name: string): Promise<KeypairEntity> {
    const kp = await this.repo.find(caller.userId, name);
    if (!kp) {
      throw badRequest(`Invalid key_name provided.`);
    }
    return kp;
  }
}
