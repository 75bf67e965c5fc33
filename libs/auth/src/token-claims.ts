/**
 * What a tinystack token carries. Identity signs these claims (JWS, ES256, `kid` header);
 * every service decodes them with {@link claimsToAuthContext} after verifying the signature.
 * Keep encoding and decoding here, in one place.
 */
export const TOKEN_ISSUER = 'tinystack-identity';
export const TOKEN_AUDIENCE = 'tinystack';
export const TOKEN_ALGORITHM = 'ES256';

export interface RoleRef {
  readonly id: string;
  readonly name: string;
}

/** The verified caller, as every service sees it. */
export interface AuthContext {
  readonly userId: string;
  readonly userName: string;
  readonly userDomainId: string;
  readonly userDomainName: string;
  /** Set for project-scoped tokens. */
  readonly projectId?: string | undefined;
  readonly projectName?: string | undefined;
  readonly projectDomainId?: string | undefined;
  readonly projectDomainName?: string | undefined;
  /** Set for domain-scoped tokens. */
  readonly domainId?: string | undefined;
  readonly domainName?: string | undefined;
  /** Effective roles on the scope (implied roles included: admin implies member implies reader). */
  readonly roles: readonly RoleRef[];
  readonly methods: readonly string[];
  /** audit_ids: this token's own id first, then the one it was rescoped from. */
  readonly auditIds: readonly string[];
  readonly applicationCredentialId?: string | undefined;
  /** Milliseconds since the epoch. */
  readonly issuedAt: number;
  readonly expiresAt: number;
}

/** The JWS payload. Short keys keep tokens small in headers. */
export interface TokenClaims {
  iss: string;
  aud: string;
  sub: string;
  iat: number;
  exp: number;
  /** issued at, ms (iat is whole seconds; revocation compares ms). */
  iam: number;
  /** expires at, ms. */
  exm: number;
  u: { n: string; d: string; dn: string };
  p?: { id: string; n: string; d: string; dn: string };
  d?: { id: string; n: string };
  r: Array<[string, string]>;
  m: string[];
  a: string[];
  ac?: string;
}

export function authContextToClaims(ctx: AuthContext): TokenClaims {
  const claims: TokenClaims = {
    iss: TOKEN_ISSUER,
    aud: TOKEN_AUDIENCE,
    sub: ctx.userId,
    iat: Math.floor(ctx.issuedAt / 1000),
    exp: Math.ceil(ctx.expiresAt / 1000),
    iam: ctx.issuedAt,
    exm: ctx.expiresAt,
    u: { n: ctx.userName, d: ctx.userDomainId, dn: ctx.userDomainName },
    r: ctx.roles.map((r) => [r.id, r.name]),
    m: [...ctx.methods],
    a: [...ctx.auditIds],
  };
  if (ctx.projectId) {
    claims.p = {
      id: ctx.projectId,
      n: ctx.projectName ?? '',
      d: ctx.projectDomainId ?? '',
      dn: ctx.projectDomainName ?? '',
    };
  }
  if (ctx.domainId) {
    claims.d = { id: ctx.domainId, n: ctx.domainName ?? '' };
  }
  if (ctx.applicationCredentialId) {
    claims.ac = ctx.applicationCredentialId;
  }
  return claims;
}

const isStr = (v: unknown): v is string => typeof v === 'string';

/** Decode verified claims; returns undefined when they are not a tinystack token's. */
export function claimsToAuthContext(raw: unknown): AuthContext | undefined {
  const c = raw as Partial<TokenClaims> | null;
  if (
    !c ||
    !isStr(c.sub) ||
    typeof c.iam !== 'number' ||
    typeof c.exm !== 'number' ||
    !c.u ||
    !isStr(c.u.n) ||
    !Array.isArray(c.r) ||
    !Array.isArray(c.m) ||
    !Array.isArray(c.a)
  ) {
    return undefined;
  }
  return {
    userId: c.sub,
    userName: c.u.n,
    userDomainId: c.u.d,
    userDomainName: c.u.dn,
    projectId: c.p?.id,
    projectName: c.p?.n,
    projectDomainId: c.p?.d,
    projectDomainName: c.p?.dn,
    domainId: c.d?.id,
    domainName: c.d?.n,
    roles: c.r.map(([id, name]) => ({ id, name })),
    methods: c.m,
    auditIds: c.a,
    applicationCredentialId: c.ac,
    issuedAt: c.iam,
    expiresAt: c.exm,
  };
}
