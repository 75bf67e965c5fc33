import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { RevocationList, type AuthContext, type RevocationRule } from '@tinystack/auth';
import { loggerFor } from '@tinystack/logging';
import {
  DataSource,
  LessThanOrEqual,
  MoreThan,
  type EntityManager,
  type Repository,
} from 'typeorm';
import { Observable, Subject } from 'rxjs';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config.js';
import { afterCommit } from '../shared/after-commit.js';
import { ReadCache } from '../shared/read-cache.js';
import { RevocationEventEntity } from './revocation-event.entity.js';

/** What a revocation matches; at least one field is set. */
export type RevocationMatch = Partial<
  Pick<RevocationRule, 'userId' | 'projectId' | 'domainId' | 'auditId' | 'applicationCredentialId'>
>;

const POLL_MS = 1_000;
const PRUNE_MS = 60_000;

function toRule(e: RevocationEventEntity): RevocationRule {
  return {
    id: e.id,
    userId: e.userId ?? undefined,
    projectId: e.projectId ?? undefined,
    domainId: e.domainId ?? undefined,
    auditId: e.auditId ?? undefined,
    applicationCredentialId: e.applicationCredentialId ?? undefined,
    issuedBefore: e.issuedBefore,
    expiresAt: e.expiresAt,
  };
}

/**
 * Revocation events: persisted, held in memory for the per-request check, and streamed to
 * the other services. Events written by other identity instances sharing the database are
 * picked up within POLL_MS. Expired events (no token they match can still be valid) are
 * pruned.
 */
@Injectable()
export class RevocationsService implements OnModuleInit, OnModuleDestroy {
  private readonly log = loggerFor('RevocationsService');
  private readonly repo: Repository<RevocationEventEntity>;
  readonly list = new RevocationList();
  private readonly active = new Map<number, RevocationRule>();
  private readonly events = new Subject<RevocationRule>();
  /** Highest id read by the poll (own events are accepted at once, and seen again here). */
  private lastPolledId = 0;
  private lastIssuedBefore = 0;
  private timers: NodeJS.Timeout[] = [];

  constructor(
    @Inject(DataSource) ds: DataSource,
    @Inject(IDENTITY_CONFIG) private readonly cfg: IdentityConfig,
    @Inject(ReadCache) private readonly cache: ReadCache,
  ) {
    this.repo = ds.getRepository(RevocationEventEntity);
  }

  async onModuleInit(): Promise<void> {
    await this.poll();
    const poll = setInterval(
      () => void this.poll().catch((err) => this.log.warn({ err }, 'revocation poll failed')),
      POLL_MS,
    );
    const prune = setInterval(
      () => void this.prune().catch((err) => this.log.warn({ err }, 'revocation prune failed')),
      PRUNE_MS,
    );
    this.timers = [poll, prune];
    this.timers.forEach((t) => t.unref());
  }

  onModuleDestroy(): void {
    this.timers.forEach((t) => clearInterval(t));
    this.events.complete();
  }

  isRevoked(ctx: AuthContext): boolean {
    return this.list.isRevoked(ctx);
  }

  /**
   * A time strictly after every revocation issued by this process: tokens issued from now on
   * are never caught by an event recorded earlier in the same millisecond.
   */
  issueTime(): number {
    return Math.max(Date.now(), this.lastIssuedBefore + 1);
  }

  /**
   * Revoke every token matching `match` issued until now. Inside a transaction (`manager`),
   * the event is published only once the transaction commits.
   */
  async revoke(match: RevocationMatch, manager?: EntityManager): Promise<void> {
    const now = Date.now();
    const repo = manager ? manager.getRepository(RevocationEventEntity) : this.repo;
    const saved = await repo.save(
      repo.create({
        userId: match.userId ?? null,
        projectId: match.projectId ?? null,
        domainId: match.domainId ?? null,
        auditId: match.auditId ?? null,
        applicationCredentialId: match.applicationCredentialId ?? null,
        issuedBefore: now,
        expiresAt: now + this.cfg.IDENTITY_TOKEN_TTL,
      }),
    );
    afterCommit(manager, () => {
      this.accept(toRule(saved));
      this.log.info({ event: { ...match, id: saved.id } }, 'tokens revoked');
    });
  }

  /** Every unexpired event now, then each new event as it is recorded. Never completes. */
  watch(): Observable<RevocationRule> {
    return new Observable<RevocationRule>((subscriber) => {
      const live = this.events.subscribe(subscriber);
      const now = Date.now();
      for (const rule of [...this.active.values()].sort((a, b) => a.id - b.id)) {
        if (rule.expiresAt > now) {
          subscriber.next(rule);
        }
      }
      return () => live.unsubscribe();
    });
  }

  /** Unexpired events (tests, diagnostics). */
  current(): RevocationRule[] {
    return [...this.active.values()];
  }

  private accept(rule: RevocationRule): void {
    if (this.active.has(rule.id) || rule.expiresAt <= Date.now()) {
      return;
    }
    this.active.set(rule.id, rule);
    this.list.add(rule);
    this.cache.invalidate();
    this.lastIssuedBefore = Math.max(this.lastIssuedBefore, rule.issuedBefore);
    this.events.next(rule);
  }

  private async poll(): Promise<void> {
    const rows = await this.repo.find({
      where: { id: MoreThan(this.lastPolledId) },
      order: { id: 'ASC' },
    });
    for (const row of rows) {
      this.accept(toRule(row));
    }
    if (rows.length > 0) {
      this.lastPolledId = Math.max(this.lastPolledId, rows[rows.length - 1]?.id ?? 0);
    }
  }

  private async prune(): Promise<void> {
    const now = Date.now();
    await this.repo.delete({ expiresAt: LessThanOrEqual(now) });
    this.list.prune(now);
    for (const [id, rule] of this.active) {
      if (rule.expiresAt <= now) {
        this.active.delete(id);
      }
    }
  }
}
