import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '@tinystack/auth';
import { AppCredentialsRepository } from '../app-credentials/app-credentials.repository.js';
import { CatalogService } from '../catalog/catalog.service.js';
import { keystoneTime } from '../shared/time.js';

export type TokenJson = Record<string, unknown>;

/** Keystone's token document ({"token": {...}}) for a verified or newly issued token. */
@Injectable()
export class TokenBodyService {
  private readonly appCreds = new Map<string, { name: string; restricted: boolean }>();

  constructor(
    @Inject(CatalogService) private readonly catalog: CatalogService,
    @Inject(AppCredentialsRepository) private readonly credentials: AppCredentialsRepository,
  ) {}

  async build(ctx: AuthContext, opts: { catalog: boolean }): Promise<{ token: TokenJson }> {
    const token: TokenJson = {
      methods: ctx.methods,
      user: {
        domain: { id: ctx.userDomainId, name: ctx.userDomainName },
        id: ctx.userId,
        name: ctx.userName,
        password_expires_at: null,
      },
      audit_ids: ctx.auditIds,
      expires_at: keystoneTime(ctx.expiresAt),
      issued_at: keystoneTime(ctx.issuedAt),
    };
    if (ctx.projectId) {
      token['project'] = {
        domain: { id: ctx.projectDomainId, name: ctx.projectDomainName },
        id: ctx.projectId,
        name: ctx.projectName,
      };
      token['is_domain'] = false;
    } else if (ctx.domainId) {
      token['domain'] = { id: ctx.domainId, name: ctx.domainName };
    }
    if (ctx.projectId || ctx.domainId) {
      token['roles'] = ctx.roles.map((r) => ({ id: r.id, name: r.name }));
      if (opts.catalog) {
        token['catalog'] = await this.catalog.catalogFor(ctx.userId, ctx.projectId);
      }
    }
    if (ctx.applicationCredentialId) {
      token['application_credential'] = {
        id: ctx.applicationCredentialId,
        ...(await this.appCred(ctx.applicationCredentialId)),
      };
    }
    return { token };
  }

  private async appCred(id: string): Promise<{ name: string; restricted: boolean }> {
    const hit = this.appCreds.get(id);
    if (hit) {
      return hit;
    }
    const row = await this.credentials.findById(id);
    const info = { name: row?.name ?? '', restricted: !(row?.unrestricted ?? false) };
    if (this.appCreds.size > 10_000) {
      this.appCreds.clear();
    }
    this.appCreds.set(id, info);
    return info;
  }
}
