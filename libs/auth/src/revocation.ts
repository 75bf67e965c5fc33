import type { AuthContext } from './token-claims.js';

/**
 * A revocation event, as identity streams it (Keystone's revoke events). A token is
 * revoked by an event when every field the event sets matches the token and the token was
 * issued at or before `issuedBefore`.
 */
export interface RevocationRule {
  readonly id: number;
  readonly userId?: string | undefined;
  readonly projectId?: string | undefined;
  readonly domainId?: string | undefined;
  readonly auditId?: string | undefined;
  readonly applicationCredentialId?: string | undefined;
  readonly issuedBefore: number;
  readonly expiresAt: number;
}

export function revokes(rule: RevocationRule, ctx: AuthContext): boolean {
  if (ctx.issuedAt > rule.issuedBefore) {
    return false;
  }
  if (rule.userId && rule.userId !== ctx.userId) {
    return false;
  }
  if (rule.projectId && rule.projectId !== ctx.projectId) {
    return false;
  }
  if (rule.domainId && rule.domainId !== ctx.domainId && rule.domainId !== ctx.userDomainId) {
    return false;
  }
  if (rule.auditId && !ctx.auditIds.includes(rule.auditId)) {
    return false;
  }
  if (rule.applicationCredentialId && rule.applicationCredentialId !== ctx.applicationCredentialId) {
    return false;
  }
  return true;
}

/** Unexpired revocation rules, indexed for a cheap check on every request. */
export class RevocationList {
  private readonly rules = new Map<number, RevocationRule>();
  private readonly byAudit = new Map<string, RevocationRule>();
  private readonly others = new Set<RevocationRule>();

  add(rule: RevocationRule): void {
    if (this.rules.has(rule.id)) {
      return;
    }
    this.rules.set(rule.id, rule);
    if (rule.auditId && !rule.userId && !rule.projectId && !rule.domainId && !rule.applicationCredentialId) {
      this.byAudit.set(rule.auditId, rule);
    } else {
      this.others.add(rule);
    }
  }

  isRevoked(ctx: AuthContext, now = Date.now()): boolean {
    for (const audit of ctx.auditIds) {
      const r = this.byAudit.get(audit);
      if (r && revokes(r, ctx)) {
        return true;
      }
    }
    for (const r of this.others) {
      if (r.expiresAt > now && revokes(r, ctx)) {
        return true;
      }
    }
    return false;
  }

  /** Drop rules past their expiry (no token they could match is still valid). */
  prune(now = Date.now()): void {
    for (const [id, r] of this.rules) {
      if (r.expiresAt <= now) {
        this.rules.delete(id);
        this.others.delete(r);
        if (r.auditId) {
          this.byAudit.delete(r.auditId);
        }
      }
    }
  }

  get size(): number {
    return this.rules.size;
  }
}
