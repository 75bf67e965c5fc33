import { createPublicKey, type KeyObject } from 'node:crypto';
import { unauthorized } from '@tinystack/errors';
import { parseJws, verifyEs256 } from './jws-es256.js';
import { RevocationList } from './revocation.js';
import { claimsToAuthContext, type AuthContext } from './token-claims.js';

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
 * the token's `kid` (fetched once, imported once as a KeyObject), issuer, audience and
 * expiry, then the revocation rules. Verified tokens are cached (LRU, by the whole token
 * string) until they expire, so repeat calls cost a map lookup plus the expiry and
 * revocation checks; a token never seen before always gets its signature checked.
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

  /**
   * The synchronous fast path: the context of a token already verified and cached, when it
   * is still unexpired and unrevoked; undefined otherwise (first sight, evicted, expired or
   * revoked: call {@link verify}, which checks the signature or throws the right error).
   */
  verifyCached(token: string): AuthContext | undefined {
    const ctx = this.verified.get(token);
    if (!ctx) {
      return undefined;
    }
    const now = this.now();
    if (ctx.expiresAt <= now || this.revocations.isRevoked(ctx, now)) {
      return undefined;
    }
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
    const jws = parseJws(token);
    if (!jws) {
      throw unauthorized('The token is malformed.');
    }
    const key = this.keys.get(jws.kid) ?? (await this.keyFor(jws.kid));
    if (!key) {
      throw unauthorized('The token was signed by an unknown key.');
    }
    const payload = verifyEs256(jws, key, this.now());
    if (payload === undefined) {
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
