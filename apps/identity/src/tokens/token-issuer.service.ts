import { Inject, Injectable } from '@nestjs/common';
import { authContextToClaims, signEs256, type AuthContext, type RoleRef } from '@tinystack/auth';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config.js';
import { KeysService } from '../keys/keys.service.js';
import { RevocationsService } from '../revocations/revocations.service.js';
import { newAuditId } from '../shared/ids.js';

/** What authentication and scoping decided; the issuer adds times, audit ids and the signature. */
export interface TokenGrant {
  readonly user: {
    readonly id: string;
    readonly name: string;
    readonly domainId: string;
    readonly domainName: string;
  };
  readonly project?: {
    readonly id: string;
    readonly name: string;
    readonly domainId: string;
    readonly domainName: string;
  };
  readonly domain?: { readonly id: string; readonly name: string };
  readonly roles: readonly RoleRef[];
  readonly methods: readonly string[];
  /** Audit ids of the token this one was rescoped from. */
  readonly parentAuditIds?: readonly string[];
  /** The token may not outlive this (a rescoped token keeps its parent's expiry). */
  readonly notAfter?: number;
  readonly applicationCredentialId?: string;
}

export interface IssuedToken {
  readonly token: string;
  readonly ctx: AuthContext;
}

/** Signs tokens: JWS ES256 with the current key's id in the `kid` header. */
@Injectable()
export class TokenIssuerService {
  constructor(
    @Inject(KeysService) private readonly keys: KeysService,
    @Inject(RevocationsService) private readonly revocations: RevocationsService,
    @Inject(IDENTITY_CONFIG) private readonly cfg: IdentityConfig,
  ) {}

  issue(g: TokenGrant): IssuedToken {
    const issuedAt = this.revocations.issueTime();
    const expiresAt = Math.min(
      issuedAt + this.cfg.IDENTITY_TOKEN_TTL,
      g.notAfter ?? Number.MAX_SAFE_INTEGER,
    );
    const parentChain = g.parentAuditIds?.[g.parentAuditIds.length - 1];
    const ctx: AuthContext = {
      userId: g.user.id,
      userName: g.user.name,
      userDomainId: g.user.domainId,
      userDomainName: g.user.domainName,
      projectId: g.project?.id,
      projectName: g.project?.name,
      projectDomainId: g.project?.domainId,
      projectDomainName: g.project?.domainName,
      domainId: g.domain?.id,
      domainName: g.domain?.name,
      roles: g.roles.map((r) => ({ id: r.id, name: r.name })),
      methods: [...new Set(g.methods)],
      auditIds: parentChain ? [newAuditId(), parentChain] : [newAuditId()],
      applicationCredentialId: g.applicationCredentialId,
      issuedAt,
      expiresAt,
    };
    const { kid, key } = this.keys.signingKey();
    const token = signEs256(authContextToClaims(ctx), kid, key);
    return { token, ctx };
  }
}
