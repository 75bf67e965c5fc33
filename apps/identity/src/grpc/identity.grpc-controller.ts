import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject, UseFilters, UseInterceptors } from '@nestjs/common';
import { isAdmin } from '@tinystack/auth';
import type { identityV1 } from '@tinystack/contracts';
import { forbidden } from '@tinystack/errors';
import { DomainRpcExceptionFilter, GrpcContextInterceptor } from '@tinystack/grpc';
import { from, map, switchMap, type Observable } from 'rxjs';
import { RoleAssignmentPresenter } from '../assignments/role-assignment.presenter.js';
import { RoleAssignmentsQuery } from '../assignments/role-assignments.query.js';
import { AuthScopesService } from '../auth/auth-scopes.service.js';
import { AuthService } from '../auth/auth.service.js';
import { KeysService } from '../keys/keys.service.js';
import { ProjectsService } from '../projects/projects.service.js';
import { RevocationsService } from '../revocations/revocations.service.js';
import { requireAdminOrSelf } from '../shared/policy.js';
import { TokenValidationService } from '../tokens/token-validation.service.js';
import { UsersService } from '../users/users.service.js';
import { GrpcCallerService } from './grpc-caller.service.js';
import { IdentityGrpcMethods, type IdentityRpcs } from './identity-grpc-methods.js';
import { RejectNulInterceptor } from './reject-nul.interceptor.js';
import {
  protoAssignment,
  protoProject,
  protoUser,
  revocationEvent,
  scopeFromProto,
  tokenInfo,
} from './proto-mappers.js';

type Rpcs =
  | 'authenticate'
  | 'rescope'
  | 'validateToken'
  | 'revokeToken'
  | 'listSigningKeys'
  | 'watchRevocations'
  | 'getUser'
  | 'getProject'
  | 'listUserProjects'
  | 'listRoleAssignments';

/**
 * identity's gRPC contract: tokens, keys, revocations and the lookups other services make
 * (users, projects, groups, roles and application credentials have controllers of their
 * own). ListSigningKeys, Authenticate and Rescope need no token (the credentials are in the
 * request); every other method needs `x-auth-token` metadata and follows the REST policy.
 */
@Controller()
@UseFilters(new DomainRpcExceptionFilter())
@UseInterceptors(GrpcContextInterceptor, RejectNulInterceptor)
@IdentityGrpcMethods(
  'authenticate',
  'rescope',
  'validateToken',
  'revokeToken',
  'listSigningKeys',
  'watchRevocations',
  'getUser',
  'getProject',
  'listUserProjects',
  'listRoleAssignments',
)
export class IdentityGrpcController implements IdentityRpcs<Rpcs> {
  constructor(
    @Inject(GrpcCallerService) private readonly callers: GrpcCallerService,
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(AuthScopesService) private readonly scopes: AuthScopesService,
    @Inject(TokenValidationService) private readonly tokens: TokenValidationService,
    @Inject(KeysService) private readonly keys: KeysService,
    @Inject(RevocationsService) private readonly revocations: RevocationsService,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(ProjectsService) private readonly projects: ProjectsService,
    @Inject(RoleAssignmentsQuery) private readonly assignments: RoleAssignmentsQuery,
    @Inject(RoleAssignmentPresenter) private readonly presenter: RoleAssignmentPresenter,
  ) {}

  async authenticate(
    req: identityV1.AuthenticateRequest,
  ): Promise<identityV1.AuthenticateResponse> {
    const domain = req.userDomainId
      ? { id: req.userDomainId }
      : { name: req.userDomainName || 'Default' };
    const user = req.userId ? { id: req.userId } : { name: req.userName, domain };
    const { token, ctx } = await this.auth.issueWithPassword(
      user,
      req.password,
      scopeFromProto(req.scope),
    );
    return { token, info: tokenInfo(ctx) };
  }

  async rescope(req: identityV1.RescopeRequest): Promise<identityV1.RescopeResponse> {
    const { token, ctx } = await this.auth.rescope(
      req.token,
      scopeFromProto(req.scope) ?? 'unscoped',
    );
    return { token, info: tokenInfo(ctx) };
  }

  async validateToken(
    req: identityV1.ValidateTokenRequest,
    meta?: Metadata,
  ): Promise<identityV1.ValidateTokenResponse> {
    const caller = await this.callers.require(meta);
    return { info: tokenInfo(await this.tokens.validateDeep(caller, req.token)) };
  }

  /** With x-auth-token: the REST policy (admin or owner). Without: the token revokes itself. */
  async revokeToken(
    req: identityV1.RevokeTokenRequest,
    meta?: Metadata,
  ): Promise<identityV1.RevokeTokenResponse> {
    const caller = this.callers.tokenOf(meta)
      ? await this.callers.require(meta)
      : await this.callers.verify(req.token);
    await this.tokens.revoke(caller, req.token);
    return {};
  }

  listSigningKeys(): identityV1.ListSigningKeysResponse {
    return { keys: this.keys.publicKeys(), notBefore: 0 };
  }

  watchRevocations(
    _req: identityV1.WatchRevocationsRequest,
    meta?: Metadata,
  ): Observable<identityV1.WatchRevocationsResponse> {
    return from(this.callers.require(meta)).pipe(
      switchMap((caller) => {
        if (!isAdmin(caller)) {
          throw forbidden('Only admin and service users may watch revocations.');
        }
        return this.revocations.watch();
      }),
      map(revocationEvent),
    );
  }

  async getUser(
    req: identityV1.GetUserRequest,
    meta?: Metadata,
  ): Promise<identityV1.GetUserResponse> {
    return { user: protoUser(await this.users.get(await this.callers.require(meta), req.id)) };
  }

  async getProject(
    req: identityV1.GetProjectRequest,
    meta?: Metadata,
  ): Promise<identityV1.GetProjectResponse> {
    return {
      project: protoProject(await this.projects.get(await this.callers.require(meta), req.id)),
    };
  }

  async listUserProjects(
    req: identityV1.ListUserProjectsRequest,
    meta?: Metadata,
  ): Promise<identityV1.ListUserProjectsResponse> {
    const caller = await this.callers.require(meta);
    const userId = req.userId || caller.userId;
    requireAdminOrSelf(caller, userId);
    return { projects: (await this.scopes.projectsOf(userId)).map(protoProject) };
  }

  async listRoleAssignments(
    req: identityV1.ListRoleAssignmentsRequest,
    meta?: Metadata,
  ): Promise<identityV1.ListRoleAssignmentsResponse> {
    const caller = await this.callers.require(meta);
    const listed = await this.assignments.list(caller, {
      userId: req.userId || undefined,
      projectId: req.projectId || undefined,
      effective: req.effective,
      includeNames: req.includeNames,
      includeSubtree: false,
      inheritedOnly: false,
    });
    const names = await this.presenter.names(listed, !req.includeNames);
    return { assignments: listed.map((a) => protoAssignment(a, names, req.includeNames)) };
  }
}
