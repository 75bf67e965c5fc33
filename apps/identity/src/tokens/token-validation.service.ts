import { Inject, Injectable } from '@nestjs/common';
import { isAdmin, TokenVerifier, type AuthContext } from '@tinystack/auth';
import { badRequest, DomainError, forbidden, notFound } from '@tinystack/errors';
import { CatalogRepository } from '../catalog/catalog.repository.js';
import { DomainsRepository } from '../domains/domains.repository.js';
import { ProjectsRepository } from '../projects/projects.repository.js';
import { RevocationsService } from '../revocations/revocations.service.js';
import { UsersRepository } from '../users/users.repository.js';
import { TokenBodyService } from './token-body.service.js';

/** Cached response bodies are rebuilt at least this often (catalog changes on other instances). */
const BODY_TTL_MS = 5_000;
const MAX_BODIES = 10_000;

/**
 * GET / HEAD / DELETE /v3/auth/tokens. Validation is local: the JWS is verified (and
 * cached) by TokenVerifier, revocations are checked in memory, and the serialized body is
 * cached per token until the catalog changes, so validating costs no database round trip.
 */
@Injectable()
export class TokenValidationService {
  private readonly bodies = new Map<string, { json: string; version: number; at: number }>();

  constructor(
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
    @Inject(TokenBodyService) private readonly body: TokenBodyService,
    @Inject(CatalogRepository) private readonly catalog: CatalogRepository,
    @Inject(RevocationsService) private readonly revocations: RevocationsService,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(ProjectsRepository) private readonly projects: ProjectsRepository,
    @Inject(DomainsRepository) private readonly domains: DomainsRepository,
  ) {}

  /** The subject token, verified; an invalid, expired or revoked one is Keystone's 404. */
  async subject(caller: AuthContext, subjectToken: string | undefined): Promise<AuthContext> {
    if (!subjectToken) {
      throw badRequest('Expecting to find X-Subject-Token in the request headers.');
    }
    let ctx: AuthContext;
    try {
      ctx = await this.verifier.verify(subjectToken);
    } catch (err) {
      if (err instanceof DomainError && err.kind === 'unauthorized') {
        throw notFound('Could not find token.');
      }
      throw err;
    }
    if (!isAdmin(caller) && caller.userId !== ctx.userId) {
      throw forbidden();
    }
    return ctx;
  }

  /**
   * The synchronous cache-hit path of {@link validate} (TokenValidationFastPath): the JSON
   * text when the caller and subject tokens are both already verified and still valid
   * (TokenVerifier.verifyCached re-checks expiry and revocation), the caller may see the
   * subject, and the body is cached and current. Undefined in every other case, including
   * every error: the caller then takes the full path, which answers it properly.
   */
  cachedJson(callerToken: string, subjectToken: string, catalog: boolean): string | undefined {
    const caller = this.verifier.verifyCached(callerToken);
    const ctx = caller && this.verifier.verifyCached(subjectToken);
    if (!caller || !ctx || (!isAdmin(caller) && caller.userId !== ctx.userId)) {
      return undefined;
    }
    const hit = this.bodies.get(`${catalog ? 'c' : 'n'}${subjectToken}`);
    if (!hit || hit.version !== this.catalog.version || Date.now() - hit.at >= BODY_TTL_MS) {
      return undefined;
    }
    return hit.json;
  }

  /** The token document as JSON text. */
  async validate(
    caller: AuthContext,
    subjectToken: string | undefined,
    opts: { catalog: boolean },
  ): Promise<string> {
    const ctx = await this.subject(caller, subjectToken);
    const key = `${opts.catalog ? 'c' : 'n'}${subjectToken}`;
    const now = Date.now();
    const hit = this.bodies.get(key);
    if (hit && hit.version === this.catalog.version && now - hit.at < BODY_TTL_MS) {
      return hit.json;
    }
    const json = JSON.stringify(await this.body.build(ctx, opts));
    this.bodies.delete(key);
    this.bodies.set(key, { json, version: this.catalog.version, at: now });
    if (this.bodies.size > MAX_BODIES) {
      const oldest = this.bodies.keys().next().value;
      if (oldest !== undefined) {
        this.bodies.delete(oldest);
      }
    }
    return json;
  }

  /**
   * Full validation (gRPC ValidateToken): besides signature, expiry and revocation, the user
   * and the scope must still exist and be enabled.
   */
  async validateDeep(caller: AuthContext, subjectToken: string | undefined): Promise<AuthContext> {
    const ctx = await this.subject(caller, subjectToken);
    const user = await this.users.findById(ctx.userId);
    const project = ctx.projectId ? await this.projects.findById(ctx.projectId) : undefined;
    const domainId = project?.domainId ?? ctx.domainId;
    const domain = domainId ? await this.domains.findById(domainId) : undefined;
    const gone =
      !user?.enabled ||
      (ctx.projectId && !project?.enabled) ||
      (domainId !== undefined && !domain?.enabled);
    if (gone) {
      throw notFound('Could not find token.');
    }
    return ctx;
  }

  /** Revoke the subject token (and every token rescoped from it). */
  async revoke(caller: AuthContext, subjectToken: string | undefined): Promise<void> {
    const ctx = await this.subject(caller, subjectToken);
    await this.revocations.revoke({ auditId: ctx.auditIds[0] });
  }
}
