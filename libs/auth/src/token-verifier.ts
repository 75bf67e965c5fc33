import { createPublicKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { unauthorized } from '@tinystack/errors';
import { RevocationList } from './revocation.js';
import { claimsToAuthContext, TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER, type AuthContext } from './token-claims.js';

/** Where the verifier gets identity's public keys. */
export interface KeySource {
  /** All current public keys (kid → SubjectPublicKeyInfo PEM). */
  fetchKeys(): Promise<Map<string, string>>;
}

export interface TokenVerifierOptions {
  readonly keySource: KeySource;
  /** Revocation rules; fed by a RevocationWatcher. */
  readonly revocations?: RevocationList;
  /** At most this many verified tokens are remembered (LRU). */
  readonly cacheSize?: number;
  /** Unknown kids trigger a key refresh at most this often. */
  readonly minRefreshIntervalMs?: number;
  readonly now?: () => number;
}

const MAX_TOKEN_LENGTH = 8192;

/**
 * Local token verification: checks the ES256 signature against identity's public key for
 * the token's `kid` (fetched once and cached), issuer, audience and expiry, then the
 * revocation rules. Verified tokens are cached until they expire, so repeat calls cost a
 * map lookup plus the revocation check.
 */
export class TokenVerifier {
  readonly revocations: RevocationList;
  private readonly keys = new Map<string, KeyObject>();
  private readonly verified = new Map<string, AuthContext>();
  private refreshing: Promise<void> | undefined;
  private lastRefresh = 0;
  private readonly cacheSize: number;
  private readonly minRefreshIntervalMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: TokenVerifierOptions) {
    this.revocations = opts.revocations ?? new RevocationList();
    this.cacheSize = opts.cacheSize ?? 10_000;
    this.minRefreshIntervalMs = opts.minRefreshIntervalMs ?? 1_000;
    this.now = opts.now ?? Date.now;
  }

  /** Verify a token; throws DomainError('unauthorized') when it is not valid now. */
  async verify(token: string | undefined): Promise<AuthContext> {
    if (!token || token.length > MAX_TOKEN_LENGTH) {
      throw unauthorized();
    }
    const now = this.now();
    let ctx = this.verified.get(token);
    if (ctx) {
      this.verified.delete(token);
    } else {
      ctx = await this.verifySignature(token);
    }
    if (ctx.expiresAt <= now) {
      throw unauthorized('The token has expired.');
    }
    if (this.revocations.isRevoked(ctx, now)) {
      throw unauthorized('The token has been revoked.');
    }
    this.remember(token, ctx);
    return ctx;
  }

  /** Drop cached state for a key set change (tests, rotation with immediate effect). */
  async refreshKeys(): Promise<void> {
    this.refreshing ??= (async () => {
      try {
        const fetched = await this.opts.keySource.fetchKeys();
        for (const [kid, pem] of fetched) {
          if (!this.keys.has(kid)) {
            this.keys.set(kid, createPublicKey(pem));
          }
        }
        for (const kid of this.keys.keys()) {
          if (!fetched.has(kid)) {
            this.keys.delete(kid);
          }
        }
        this.lastRefresh = this.now();
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  private async keyFor(kid: string): Promise<KeyObject | undefined> {
    let key = this.keys.get(kid);
    if (!key && this.now() - this.lastRefresh >= this.minRefreshIntervalMs) {
      await this.refreshKeys().catch(() => undefined);
      key = this.keys.get(kid);
    }
    return key;
  }

  private async verifySignature(token: string): Promise<AuthContext> {
    const decoded = jwt.decode(token, { complete: true });
    const kid = decoded?.header.kid;
    if (!decoded || typeof kid !== 'string' || decoded.header.alg !== TOKEN_ALGORITHM) {
      throw unauthorized('The token is malformed.');
    }
    const key = await this.keyFor(kid);
    if (!key) {
      throw unauthorized('The token was signed by an unknown key.');
    }
    let payload: unknown;
    try {
      payload = jwt.verify(token, key, {
        algorithms: [TOKEN_ALGORITHM],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        clockTolerance: 5,
      });
    } catch {
      throw unauthorized('The request you have made requires authentication.');
    }
    const ctx = claimsToAuthContext(payload);
    if (!ctx) {
      throw unauthorized('The token is malformed.');
    }
    return ctx;
  }

  private remember(token: string, ctx: AuthContext): void {
    this.verified.set(token, ctx);
    if (this.verified.size > this.cacheSize) {
      const oldest = this.verified.keys().next().value;
      if (oldest !== undefined) {
        this.verified.delete(oldest);
      }
    }
  }
}
