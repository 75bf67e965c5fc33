import {
  Controller,
  Delete,
  Get,
  Head,
  HttpCode,
  Inject,
  Param,
  Put,
  Query,
  Req,
} from '@nestjs/common';
import { Caller, type AuthContext } from '@tinystack/auth';
import type { Request } from 'express';
import { Links } from '../http/links.js';
import { roleJson } from '../roles/role.presenter.js';
import { queryBool, queryString, type Query as Q } from '../shared/list-filter.js';
import { AssignmentsService, type GrantRef } from './assignments.service.js';
import { RoleAssignmentPresenter } from './role-assignment.presenter.js';
import { RoleAssignmentsQuery } from './role-assignments.query.js';

/** The four grant URL shapes; the parameter names say the target and actor kinds. */
const GRANTS = [
  'projects/:project/users/:user/roles',
  'projects/:project/groups/:group/roles',
  'domains/:domain/users/:user/roles',
  'domains/:domain/groups/:group/roles',
];
const GRANT_ROLES = GRANTS.map((g) => `${g}/:role`);

function grantRef(p: Record<string, string | undefined>): GrantRef {
  const project = p['project'];
  const user = p['user'];
  return {
    targetKind: project !== undefined ? 'project' : 'domain',
    targetId: project ?? p['domain'] ?? '',
    actorKind: user !== undefined ? 'user' : 'group',
    actorId: user ?? p['group'] ?? '',
  };
}

@Controller('v3')
export class AssignmentsController {
  constructor(
    @Inject(AssignmentsService) private readonly assignments: AssignmentsService,
    @Inject(RoleAssignmentsQuery) private readonly query: RoleAssignmentsQuery,
    @Inject(RoleAssignmentPresenter) private readonly presenter: RoleAssignmentPresenter,
    @Inject(Links) private readonly links: Links,
  ) {}

  @Get('role_assignments')
  async list(@Caller() caller: AuthContext, @Query() q: Q, @Req() req: Request) {
    const includeNames = queryBool(q, 'include_names') === true;
    const listed = await this.query.list(caller, {
      userId: queryString(q, 'user.id'),
      groupId: queryString(q, 'group.id'),
      roleId: queryString(q, 'role.id'),
      projectId: queryString(q, 'scope.project.id'),
      domainId: queryString(q, 'scope.domain.id'),
      effective: queryBool(q, 'effective') === true,
      includeNames,
      includeSubtree: queryBool(q, 'include_subtree') === true,
      inheritedOnly: queryString(q, 'scope.OS-INHERIT:inherited_to') !== undefined,
    });
    return {
      role_assignments: await this.presenter.render(listed, this.links.base, includeNames),
      links: this.links.list(req),
    };
  }

  @Get(GRANTS)
  async roles(
    @Caller() caller: AuthContext,
    @Param() p: Record<string, string>,
    @Req() req: Request,
  ) {
    const roles = await this.assignments.rolesOf(caller, grantRef(p));
    return { roles: roles.map((r) => roleJson(r, this.links.base)), links: this.links.list(req) };
  }

  @Put(GRANT_ROLES)
  @HttpCode(204)
  async grant(@Caller() caller: AuthContext, @Param() p: Record<string, string>): Promise<void> {
    await this.assignments.grant(caller, grantRef(p), p['role']);
  }

  @Head(GRANT_ROLES)
  @HttpCode(204)
  async check(@Caller() caller: AuthContext, @Param() p: Record<string, string>): Promise<void> {
    await this.assignments.check(caller, grantRef(p), p['role']);
  }

  @Delete(GRANT_ROLES)
  @HttpCode(204)
  async revoke(@Caller() caller: AuthContext, @Param() p: Record<string, string>): Promise<void> {
    await this.assignments.revoke(caller, grantRef(p), p['role']);
  }
}
