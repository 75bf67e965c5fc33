import type { KeyObject } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { TOKEN_ALGORITHM } from '@tinystack/auth';
import { loggerFor } from '@tinystack/logging';
import { DataSource, IsNull, LessThan, type Repository } from 'typeorm';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config.js';
import { generateSigningKey, privateKeyOf, publicKeyOf } from './key-material.js';
import { SigningKeyEntity } from './signing-key.entity.js';

export interface PublicSigningKey {
  readonly kid: string;
  readonly algorithm: string;
  readonly publicKeyPem: string;
  readonly createdAt: number;
}

/** Extra time a retired key is kept beyond the token lifetime (clock skew between services). */
const RETENTION_MARGIN_MS = 5 * 60_000;

/**
 * Token signing keys. Exactly one key signs at a time; it is replaced once it is older than
 * IDENTITY_KEY_ROTATION. A replaced key keeps verifying (and is listed by ListSigningKeys)
 * until every token it signed has expired, so rotation never invalidates a token.
 */
@Injectable()
export class KeysService implements OnModuleInit, OnModuleDestroy {
  private readonly log = loggerFor('KeysService');
  private readonly repo: Repository<SigningKeyEntity>;
  private active: { kid: string; key: KeyObject; createdAt: number } | undefined;
  private verifying = new Map<string, PublicSigningKey & { key: KeyObject }>();
  private readonly listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | undefined;
  private lastReload = 0;

  constructor(
    @Inject(DataSource) ds: DataSource,
    @Inject(IDENTITY_CONFIG) private readonly cfg: IdentityConfig,
  ) {
    this.repo = ds.getRepository(SigningKeyEntity);
  }

  async onModuleInit(): Promise<void> {
    await this.reload();
    await this.rotateIfDue();
    const every = Math.max(1_000, Math.min(60_000, Math.floor(this.cfg.IDENTITY_KEY_ROTATION / 4)));
    this.timer = setInterval(
      () => void this.rotateIfDue().catch((err) => this.log.error({ err }, 'key rotation failed')),
      every,
    );
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** The key new tokens are signed with. */
  signingKey(): { kid: string; key: KeyObject } {
    if (!this.active) {
      throw new Error('no signing key loaded');
    }
    return this.active;
  }

  /** Every key a still-valid token may carry, newest first. */
  publicKeys(): PublicSigningKey[] {
    return [...this.verifying.values()]
      .sort((a, b) => b.createdAt - a.createdAt)
      .map(({ kid, algorithm, publicKeyPem, createdAt }) => ({
        kid,
        algorithm,
        publicKeyPem,
        createdAt,
      }));
  }

  /** Reload from the database when another instance may have rotated (at most once a second). */
  async reloadIfStale(): Promise<void> {
    if (Date.now() - this.lastReload >= 1_000) {
      await this.reload();
    }
  }

  /** Called after the key set changes (rotation, reload). */
  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  /** Replace the signing key now; returns the new key id. */
  async rotate(): Promise<string> {
    const fresh = generateSigningKey();
    const now = Date.now();
    await this.repo.manager.transaction(async (m) => {
      await m.getRepository(SigningKeyEntity).update({ retiredAt: IsNull() }, { retiredAt: now });
      await m
        .getRepository(SigningKeyEntity)
        .insert({ ...fresh, algorithm: TOKEN_ALGORITHM, createdAt: now, retiredAt: null });
    });
    this.log.info({ kid: fresh.kid }, 'signing key rotated');
    await this.reload();
    return fresh.kid;
  }

  private async rotateIfDue(): Promise<void> {
    await this.pruneExpired();
    if (!this.active || Date.now() - this.active.createdAt >= this.cfg.IDENTITY_KEY_ROTATION) {
      await this.rotate();
    }
  }

  private async pruneExpired(): Promise<void> {
    const cutoff = Date.now() - this.cfg.IDENTITY_TOKEN_TTL - RETENTION_MARGIN_MS;
    const res = await this.repo.delete({ retiredAt: LessThan(cutoff) });
    if (res.affected) {
      this.log.info({ removed: res.affected }, 'expired signing keys removed');
      await this.reload();
    }
  }

  private async reload(): Promise<void> {
    this.lastReload = Date.now();
    const rows = await this.repo.find({
      select: { kid: true, algorithm: true, publicKeyPem: true, createdAt: true, retiredAt: true },
      order: { createdAt: 'DESC' },
    });
    const current = rows.find((r) => r.retiredAt === null);
    if (current && current.kid !== this.active?.kid) {
      const secret = await this.repo.findOneOrFail({
        where: { kid: current.kid },
        select: { kid: true, privateKeyPem: true },
      });
      this.active = {
        kid: current.kid,
        key: privateKeyOf(secret.privateKeyPem),
        createdAt: current.createdAt,
      };
    } else if (!current) {
      this.active = undefined;
    }
    const next = new Map<string, PublicSigningKey & { key: KeyObject }>();
    for (const r of rows) {
      const existing = this.verifying.get(r.kid);
      next.set(
        r.kid,
        existing ?? {
          kid: r.kid,
          algorithm: r.algorithm,
          publicKeyPem: r.publicKeyPem,
          createdAt: r.createdAt,
          key: publicKeyOf(r.publicKeyPem),
        },
      );
    }
    this.verifying = next;
    for (const l of this.listeners) {
      l();
    }
  }
}
