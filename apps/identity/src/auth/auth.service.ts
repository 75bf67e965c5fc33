import { Inject, Injectable } from '@nestjs/common';
import { TokenVerifier, type AuthContext } from '@tinystack/auth';
import { badRequest, forbidden, unauthorized } from '@tinystack/errors';
import { AppCredentialVerifierService } from '../app-credentials/app-credential-verifier.service.js';
import type { ApplicationCredentialEntity } from '../app-credentials/application-credential.entity.js';
import { ProjectsRepository } from '../projects/projects.repository.js';
import {
  TokenIssuerService,
  type IssuedToken,
  type TokenGrant,
} from '../tokens/token-issuer.service.js';
import {
  UserCredentialsService,
  type AuthenticatedUser,
} from '../users/user-credentials.service.js';
import { MAX_PASSWORD_LENGTH } from '../users/password-hasher.js';
import { UsersRepository } from '../users/users.repository.js';
import type { AuthRequest, ScopeRequest } from './auth.schemas.js';
import { ScopeResolverService, type ResolvedScope } from './scope-resolver.service.js';

const METHODS = ['password', 'token', 'application_credential'] as const;

/** Who a request proved to be, before scoping. */
interface Identity extends AuthenticatedUser {
  readonly methods: string[];
  readonly parent?: AuthContext;
  readonly appCred?: ApplicationCredentialEntity;
}

/** POST /v3/auth/tokens: the password, token and application_credential methods, then scope. */
@Injectable()
export class AuthService {
  constructor(
    @Inject(UserCredentialsService) private readonly credentials: UserCredentialsService,
    @Inject(AppCredentialVerifierService) private readonly appCreds: AppCredentialVerifierService,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
    @Inject(ScopeResolverService) private readonly scopes: ScopeResolverService,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(ProjectsRepository) private readonly projects: ProjectsRepository,
    @Inject(TokenIssuerService) private readonly issuer: TokenIssuerService,
  ) {}

  async issue(req: AuthRequest): Promise<IssuedToken> {
    const identity = await this.identify(req.auth.identity);
    const scope = identity.appCred
      ? await this.appCredScope(identity.appCred, req.auth.scope)
      : await this.scopes.resolve(identity.user, req.auth.scope);
    return this.issuer.issue(this.grant(identity, scope));
  }

  /** Password authentication for the gRPC Authenticate call. */
  async issueWithPassword(
    user: { id?: string; name?: string; domain?: { id?: string; name?: string } },
    password: string,
    scope: ScopeRequest | undefined,
  ): Promise<IssuedToken> {
    if (password.length > MAX_PASSWORD_LENGTH) {
      throw badRequest(`Invalid input for field 'password': longer than ${MAX_PASSWORD_LENGTH}.`);
    }
    const found = await this.credentials.authenticate(user, password);
    return this.issuer.issue(
      this.grant({ ...found, methods: ['password'] }, await this.scopes.resolve(found.user, scope)),
    );
  }

  /** The token method for the gRPC Rescope call. */
  async rescope(token: string, scope: ScopeRequest | undefined): Promise<IssuedToken> {
    return this.issue({
      auth: { identity: { methods: ['token'], token: { id: token } }, ...(scope ? { scope } : {}) },
    });
  }

  private grant(identity: Identity, scope: ResolvedScope): TokenGrant {
    const { user, domain } = identity;
    return {
      user: { id: user.id, name: user.name, domainId: domain.id, domainName: domain.name },
      ...(scope.project ? { project: scope.project } : {}),
      ...(scope.domain ? { domain: scope.domain } : {}),
      roles: scope.roles.map((r) => ({ id: r.id, name: r.name })),
      methods: identity.methods,
      ...(identity.parent
        ? { parentAuditIds: identity.parent.auditIds, notAfter: identity.parent.expiresAt }
        : {}),
      ...(identity.appCred
        ? {
            applicationCredentialId: identity.appCred.id,
            ...(identity.appCred.expiresAt ? { notAfter: identity.appCred.expiresAt } : {}),
          }
        : {}),
    };
  }

  private async identify(identity: AuthRequest['auth']['identity']): Promise<Identity> {
    const methods = [...new Set(identity.methods)];
    const unsupported = methods.filter((m) => !(METHODS as readonly string[]).includes(m));
    if (unsupported.length > 0 || methods.length !== 1) {
      throw unauthorized(`Attempted to authenticate with an unsupported method.`);
    }
    const method = methods[0] as (typeof METHODS)[number];
    switch (method) {
      case 'password': {
        const p = identity.password?.user;
        if (!p) {
          throw unauthorized('Expecting to find password in identity.');
        }
        return { ...(await this.credentials.authenticate(p, p.password)), methods: ['password'] };
      }
      case 'token':
        return this.identifyByToken(identity.token?.id);
      case 'application_credential': {
        const c = identity.application_credential;
        if (!c) {
          throw unauthorized('Expecting to find application_credential in identity.');
        }
        const cred = await this.appCreds.verify(c, c.secret);
        const user = await this.users.cachedById(cred.userId);
        if (!user) {
          throw unauthorized();
        }
        return {
          ...(await this.credentials.requireUsable(user)),
          methods: ['application_credential'],
          appCred: cred,
        };
      }
    }
  }

  private async identifyByToken(token: string | undefined): Promise<Identity> {
    const parent = await this.verifier.verify(token);
    if (parent.applicationCredentialId) {
      throw forbidden('A token created with an application credential cannot be rescoped.');
    }
    const user = await this.users.cachedById(parent.userId);
    if (!user) {
      throw unauthorized();
    }
    return {
      ...(await this.credentials.requireUsable(user)),
      methods: [...new Set([...parent.methods, 'token'])],
      parent,
    };
  }

  /** An application credential's token is always scoped to its project, with its roles that the user still holds. */
  private async appCredScope(
    cred: ApplicationCredentialEntity,
    scope: ScopeRequest | undefined,
  ): Promise<ResolvedScope> {
    const project = await this.projects.cachedById(cred.projectId);
    if (!project) {
      throw unauthorized();
    }
    if (
      scope !== undefined &&
      !(
        typeof scope === 'object' &&
        'project' in scope &&
        (scope.project.id ?? project.id) === project.id
      )
    ) {
      throw unauthorized('Application credentials cannot request a scope.');
    }
    const resolved = await this.scopes.projectScope(cred.userId, project);
    const granted = new Set(await this.scopes.expandRoleIds(cred.roleIds));
    const roles = resolved.roles.filter((r) => granted.has(r.id));
    if (roles.length === 0) {
      throw unauthorized(
        `The roles of application credential ${cred.id} are no longer assigned to its user.`,
      );
    }
    return { ...resolved, roles };
  }
}
