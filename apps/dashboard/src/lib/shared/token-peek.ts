/**
 * Reads the claims of a tinystack token (a JWS) without verifying it. Only for deciding
 * what to tell the user (an expired token says "expired" without asking identity) and for
 * cookie lifetimes; identity's ValidateToken is what decides whether a token is good.
 */
export interface PeekedToken {
  /** Milliseconds since the epoch, when the token carries one. */
  readonly expiresAt?: number;
  /** The token's own audit id first, then the one of the token it was rescoped from. */
  readonly auditIds: readonly string[];
}

export function peekToken(token: string): PeekedToken | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) {
    return undefined;
  }
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    const exm =
      typeof claims.exm === 'number'
        ? claims.exm
        : typeof claims.exp === 'number'
          ? claims.exp * 1000
          : undefined;
    const audit = Array.isArray(claims.a)
      ? claims.a.filter((x): x is string => typeof x === 'string')
      : [];
    return exm === undefined ? { auditIds: audit } : { expiresAt: exm, auditIds: audit };
  } catch {
    return undefined;
  }
}

/** True when the token says it expired (with `skewMs` of slack for clock differences). */
export function isExpired(token: string, now = Date.now(), skewMs = 0): boolean {
  const exp = peekToken(token)?.expiresAt;
  return exp !== undefined && exp + skewMs <= now;
}
