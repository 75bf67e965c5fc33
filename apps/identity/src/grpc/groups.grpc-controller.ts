import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject, UseFilters, UseInterceptors } from '@nestjs/common';
import type { identityV1 } from '@tinystack/contracts';
import { DomainRpcExceptionFilter, GrpcContextInterceptor } from '@tinystack/grpc';
import { parseInput } from '@tinystack/http';
import { createGroupSchema } from '../groups/groups.schemas.js';
import { GroupsService } from '../groups/groups.service.js';
import { GrpcCallerService } from './grpc-caller.service.js';
import { IdentityGrpcMethods, type IdentityRpcs } from './identity-grpc-methods.js';
import { ifSet, protoGroup } from './proto-admin-mappers.js';
import { protoUser } from './proto-mappers.js';
import { RejectNulInterceptor } from './reject-nul.interceptor.js';

type Rpcs =
  | 'listGroups'
  | 'createGroup'
  | 'deleteGroup'
  | 'listGroupUsers'
  | 'addUserToGroup'
  | 'removeUserFromGroup';

/** Groups and their members over gRPC: thin calls into GroupsService (admin only, as REST). */
@Controller()
@UseFilters(new DomainRpcExceptionFilter())
@UseInterceptors(GrpcContextInterceptor, RejectNulInterceptor)
@IdentityGrpcMethods(
  'listGroups',
  'createGroup',
  'deleteGroup',
  'listGroupUsers',
  'addUserToGroup',
  'removeUserFromGroup',
)
export class GroupsGrpcController implements IdentityRpcs<Rpcs> {
  constructor(
    @Inject(GrpcCallerService) private readonly callers: GrpcCallerService,
    @Inject(GroupsService) private readonly groups: GroupsService,
  ) {}

  async listGroups(
    req: identityV1.ListGroupsRequest,
    meta?: Metadata,
  ): Promise<identityV1.ListGroupsResponse> {
    const caller = await this.callers.require(meta);
    const filter = { name: [], ...ifSet('domainId', req.domainId) };
    return { groups: (await this.groups.list(caller, filter, {})).items.map(protoGroup) };
  }

  async createGroup(
    req: identityV1.CreateGroupRequest,
    meta?: Metadata,
  ): Promise<identityV1.CreateGroupResponse> {
    const caller = await this.callers.require(meta);
    const input = parseInput(createGroupSchema, {
      group: {
        name: req.name,
        ...ifSet('domain_id', req.domainId),
        ...ifSet('description', req.description),
      },
    }).group;
    return { group: protoGroup(await this.groups.create(caller, input)) };
  }

  async deleteGroup(
    req: identityV1.DeleteGroupRequest,
    meta?: Metadata,
  ): Promise<identityV1.DeleteGroupResponse> {
    await this.groups.delete(await this.callers.require(meta), req.id);
    return {};
  }

  async listGroupUsers(
    req: identityV1.ListGroupUsersRequest,
    meta?: Metadata,
  ): Promise<identityV1.ListGroupUsersResponse> {
    const caller = await this.callers.require(meta);
    return { users: (await this.groups.members(caller, req.groupId, [])).map(protoUser) };
  }

  async addUserToGroup(
    req: identityV1.AddUserToGroupRequest,
    meta?: Metadata,
  ): Promise<identityV1.AddUserToGroupResponse> {
    await this.groups.addMember(await this.callers.require(meta), req.groupId, req.userId);
    return {};
  }

  async removeUserFromGroup(
    req: identityV1.RemoveUserFromGroupRequest,
    meta?: Metadata,
  ): Promise<identityV1.RemoveUserFromGroupResponse> {
    await this.groups.removeMember(await this.callers.require(meta), req.groupId, req.userId);
    return {};
  }
}
