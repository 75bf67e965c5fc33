import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject, UseFilters, UseInterceptors } from '@nestjs/common';
import type { identityV1 } from '@tinystack/contracts';
import { DomainRpcExceptionFilter, GrpcContextInterceptor } from '@tinystack/grpc';
import { parseInput } from '@tinystack/http';
import { requireSelf } from '../shared/policy.js';
import {
  changePasswordSchema,
  createUserSchema,
  updateUserSchema,
} from '../users/users.schemas.js';
import { UsersService } from '../users/users.service.js';
import { GrpcCallerService } from './grpc-caller.service.js';
import { IdentityGrpcMethods, type IdentityRpcs } from './identity-grpc-methods.js';
import { ifPresent, ifSet, nameFilter } from './proto-admin-mappers.js';
import { protoUser } from './proto-mappers.js';
import { RejectNulInterceptor } from './reject-nul.interceptor.js';

type Rpcs = 'listUsers' | 'createUser' | 'updateUser' | 'deleteUser' | 'changePassword';

/**
 * Users over gRPC: thin calls into UsersService with the REST policy (admin manages users;
 * ChangePassword is the caller's own, with the original password). Inputs go through the
 * REST schemas, so both edges accept exactly the same values.
 */
@Controller()
@UseFilters(new DomainRpcExceptionFilter())
@UseInterceptors(GrpcContextInterceptor, RejectNulInterceptor)
@IdentityGrpcMethods('listUsers', 'createUser', 'updateUser', 'deleteUser', 'changePassword')
export class UsersGrpcController implements IdentityRpcs<Rpcs> {
  constructor(
    @Inject(GrpcCallerService) private readonly callers: GrpcCallerService,
    @Inject(UsersService) private readonly users: UsersService,
  ) {}

  async listUsers(
    req: identityV1.ListUsersRequest,
    meta?: Metadata,
  ): Promise<identityV1.ListUsersResponse> {
    const caller = await this.callers.require(meta);
    const filter = { name: nameFilter(req.name), ...ifSet('domainId', req.domainId) };
    return { users: (await this.users.list(caller, filter, {})).items.map(protoUser) };
  }

  async createUser(
    req: identityV1.CreateUserRequest,
    meta?: Metadata,
  ): Promise<identityV1.CreateUserResponse> {
    const caller = await this.callers.require(meta);
    const input = parseInput(createUserSchema, {
      user: {
        name: req.name,
        ...ifSet('domain_id', req.domainId),
        ...ifSet('password', req.password),
        ...ifSet('email', req.email),
        ...ifSet('description', req.description),
        ...ifSet('default_project_id', req.defaultProjectId),
        ...ifPresent('enabled', req.enabled),
      },
    }).user;
    return { user: protoUser(await this.users.create(caller, input)) };
  }

  async updateUser(
    req: identityV1.UpdateUserRequest,
    meta?: Metadata,
  ): Promise<identityV1.UpdateUserResponse> {
    const caller = await this.callers.require(meta);
    const input = parseInput(updateUserSchema, {
      user: {
        ...ifPresent('name', req.name),
        ...ifPresent('email', req.email),
        ...ifPresent('description', req.description),
        ...ifPresent('enabled', req.enabled),
        ...ifPresent('password', req.password),
        ...ifPresent('default_project_id', req.defaultProjectId),
      },
    }).user;
    return { user: protoUser(await this.users.update(caller, req.id, input)) };
  }

  async deleteUser(
    req: identityV1.DeleteUserRequest,
    meta?: Metadata,
  ): Promise<identityV1.DeleteUserResponse> {
    await this.users.delete(await this.callers.require(meta), req.id);
    return {};
  }

  /**
   * Stricter than REST's public POST /v3/users/{id}/password (where the original password
   * is the only proof): over gRPC the token in metadata must be the user's own as well.
   */
  async changePassword(
    req: identityV1.ChangePasswordRequest,
    meta?: Metadata,
  ): Promise<identityV1.ChangePasswordResponse> {
    requireSelf(await this.callers.require(meta), req.userId);
    const input = parseInput(changePasswordSchema, {
      user: { original_password: req.originalPassword, password: req.password },
    }).user;
    await this.users.changePassword(req.userId, input);
    return {};
  }
}
