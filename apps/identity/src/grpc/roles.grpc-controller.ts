import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject, UseFilters, UseInterceptors } from '@nestjs/common';
import type { identityV1 } from '@tinystack/contracts';
import { badRequest } from '@tinystack/errors';
import { DomainRpcExceptionFilter, GrpcContextInterceptor } from '@tinystack/grpc';
import { parseInput } from '@tinystack/http';
import { AssignmentsService, type GrantRef } from '../assignments/assignments.service.js';
import { createRoleSchema } from '../roles/roles.schemas.js';
import { RolesService } from '../roles/roles.service.js';
import { GrpcCallerService } from './grpc-caller.service.js';
import { IdentityGrpcMethods, type IdentityRpcs } from './identity-grpc-methods.js';
import { ifSet, protoRole } from './proto-admin-mappers.js';
import { RejectNulInterceptor } from './reject-nul.interceptor.js';

type Rpcs = 'listRoles' | 'createRole' | 'deleteRole' | 'grantRole' | 'revokeRole';

/** The REST grant path's {target}/{actor} pair; exactly one of each must be set. */
function grantRef(g: identityV1.RoleGrant | undefined): { ref: GrantRef; roleId: string } {
  const actors = [g?.userId, g?.groupId].filter((v) => v);
  const targets = [g?.projectId, g?.domainId].filter((v) => v);
  if (!g?.roleId || actors.length !== 1 || targets.length !== 1) {
    throw badRequest(
      'A grant needs a role_id, one of user_id / group_id and one of project_id / domain_id.',
    );
  }
  return {
    roleId: g.roleId,
    ref: {
      targetKind: g.projectId ? 'project' : 'domain',
      targetId: g.projectId || g.domainId || '',
      actorKind: g.userId ? 'user' : 'group',
      actorId: g.userId || g.groupId || '',
    },
  };
}

/** Global roles and role grants over gRPC: thin calls into RolesService and AssignmentsService (admin, as REST). */
@Controller()
@UseFilters(new DomainRpcExceptionFilter())
@UseInterceptors(GrpcContextInterceptor, RejectNulInterceptor)
@IdentityGrpcMethods('listRoles', 'createRole', 'deleteRole', 'grantRole', 'revokeRole')
export class RolesGrpcController implements IdentityRpcs<Rpcs> {
  constructor(
    @Inject(GrpcCallerService) private readonly callers: GrpcCallerService,
    @Inject(RolesService) private readonly roles: RolesService,
    @Inject(AssignmentsService) private readonly assignments: AssignmentsService,
  ) {}

  async listRoles(
    _req: identityV1.ListRolesRequest,
    meta?: Metadata,
  ): Promise<identityV1.ListRolesResponse> {
    const caller = await this.callers.require(meta);
    return { roles: (await this.roles.list(caller, { name: [] }, {})).items.map(protoRole) };
  }

  async createRole(
    req: identityV1.CreateRoleRequest,
    meta?: Metadata,
  ): Promise<identityV1.CreateRoleResponse> {
    const caller = await this.callers.require(meta);
    const input = parseInput(createRoleSchema, {
      role: { name: req.name, ...ifSet('description', req.description) },
    }).role;
    return { role: protoRole(await this.roles.create(caller, input)) };
  }

  async deleteRole(
    req: identityV1.DeleteRoleRequest,
    meta?: Metadata,
  ): Promise<identityV1.DeleteRoleResponse> {
    await this.roles.delete(await this.callers.require(meta), req.id);
    return {};
  }

  async grantRole(
    req: identityV1.GrantRoleRequest,
    meta?: Metadata,
  ): Promise<identityV1.GrantRoleResponse> {
    const caller = await this.callers.require(meta);
    const { ref, roleId } = grantRef(req.grant);
    await this.assignments.grant(caller, ref, roleId);
    return {};
  }

  async revokeRole(
    req: identityV1.RevokeRoleRequest,
    meta?: Metadata,
  ): Promise<identityV1.RevokeRoleResponse> {
    const caller = await this.callers.require(meta);
    const { ref, roleId } = grantRef(req.grant);
    await this.assignments.revoke(caller, ref, roleId);
    return {};
  }
}
