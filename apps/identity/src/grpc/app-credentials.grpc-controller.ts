import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject, UseFilters, UseInterceptors } from '@nestjs/common';
import type { identityV1 } from '@tinystack/contracts';
import { badRequest } from '@tinystack/errors';
import { DomainRpcExceptionFilter, GrpcContextInterceptor } from '@tinystack/grpc';
import { parseInput } from '@tinystack/http';
import { createAppCredentialSchema } from '../app-credentials/app-credentials.schemas.js';
import { AppCredentialsService } from '../app-credentials/app-credentials.service.js';
import { RolesRepository } from '../roles/roles.repository.js';
import { GrpcCallerService } from './grpc-caller.service.js';
import { IdentityGrpcMethods, type IdentityRpcs } from './identity-grpc-methods.js';
import { ifSet, protoAppCredential } from './proto-admin-mappers.js';
import { RejectNulInterceptor } from './reject-nul.interceptor.js';

type Rpcs =
  'listApplicationCredentials' | 'createApplicationCredential' | 'deleteApplicationCredential';

/** Unix ms as the REST API's timestamp text (0: never expires). */
function expiresAtText(ms: number): { expires_at?: string } {
  if (ms === 0) {
    return {};
  }
  const at = new Date(ms);
  if (Number.isNaN(at.getTime())) {
    throw badRequest(`Invalid input for field 'expires_at': ${ms} is not a timestamp.`);
  }
  return { expires_at: at.toISOString() };
}

/**
 * Application credentials over gRPC: thin calls into AppCredentialsService, which holds the
 * REST policy (created only for yourself with a project-scoped token; the owner or an admin
 * lists and deletes). An empty user_id means the caller.
 */
@Controller()
@UseFilters(new DomainRpcExceptionFilter())
@UseInterceptors(GrpcContextInterceptor, RejectNulInterceptor)
@IdentityGrpcMethods(
  'listApplicationCredentials',
  'createApplicationCredential',
  'deleteApplicationCredential',
)
export class AppCredentialsGrpcController implements IdentityRpcs<Rpcs> {
  constructor(
    @Inject(GrpcCallerService) private readonly callers: GrpcCallerService,
    @Inject(AppCredentialsService) private readonly creds: AppCredentialsService,
    @Inject(RolesRepository) private readonly roles: RolesRepository,
  ) {}

  async listApplicationCredentials(
    req: identityV1.ListApplicationCredentialsRequest,
    meta?: Metadata,
  ): Promise<identityV1.ListApplicationCredentialsResponse> {
    const caller = await this.callers.require(meta);
    const creds = await this.creds.list(caller, req.userId || caller.userId, []);
    const roles = (await this.roles.graph()).roles;
    return { credentials: creds.map((c) => protoAppCredential(c, roles)) };
  }

  async createApplicationCredential(
    req: identityV1.CreateApplicationCredentialRequest,
    meta?: Metadata,
  ): Promise<identityV1.CreateApplicationCredentialResponse> {
    const caller = await this.callers.require(meta);
    const input = parseInput(createAppCredentialSchema, {
      application_credential: {
        name: req.name,
        ...ifSet('description', req.description),
        ...ifSet('secret', req.secret),
        ...expiresAtText(req.expiresAt),
        ...(req.roleIds.length > 0 ? { roles: req.roleIds.map((id) => ({ id })) } : {}),
        unrestricted: req.unrestricted,
      },
    }).application_credential;
    const { cred, secret } = await this.creds.create(caller, req.userId || caller.userId, input);
    const roles = (await this.roles.graph()).roles;
    return { credential: protoAppCredential(cred, roles), secret };
  }

  async deleteApplicationCredential(
    req: identityV1.DeleteApplicationCredentialRequest,
    meta?: Metadata,
  ): Promise<identityV1.DeleteApplicationCredentialResponse> {
    const caller = await this.callers.require(meta);
    await this.creds.delete(caller, req.userId || caller.userId, req.id);
    return {};
  }
}
