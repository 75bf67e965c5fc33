import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '@tinystack/auth';
import { badRequest, forbidden } from '@tinystack/errors';
import { AssignmentRevokerService } from '../assignments/assignment-revoker.service.js';
import { AssignmentsRepository } from '../assignments/assignments.repository.js';
import { DomainsRepository } from '../domains/domains.repository.js';
import { notFoundOf, uniquely } from '../shared/errors.js';
import { splitExtra } from '../shared/extra.js';
import { newId } from '../shared/ids.js';
import {
  matchesString,
  paginate,
  type Page,
  type PageRequest,
  type StringFilter,
} from '../shared/list-filter.js';
import { requireAdmin } from '../shared/policy.js';
import { GLOBAL_ROLE_DOMAIN, type RoleEntity } from './role.entity.js';
import { ROLE_KNOWN_KEYS, type CreateRoleInput, type UpdateRoleInput } from './roles.schemas.js';
import { RolesRepository } from './roles.repository.js';

export interface RoleFilter {
  readonly name: readonly StringFilter[];
  /** undefined: global roles only (Keystone's default); a domain id: that domain's roles. */
  readonly domainId?: string | undefined;
}

/** Roles an implication may never point to (Keystone's prohibited_implied_role). */
const PROHIBITED_IMPLIED = ['admin'];

@Injectable()
export class RolesService {
  constructor(
    @Inject(RolesRepository) private readonly roles: RolesRepository,
    @Inject(DomainsRepository) private readonly domains: DomainsRepository,
    @Inject(AssignmentsRepository) private readonly assignments: AssignmentsRepository,
    @Inject(AssignmentRevokerService) private readonly revoker: AssignmentRevokerService,
  ) {}

  async get(caller: AuthContext, id: string): Promise<RoleEntity> {
    requireAdmin(caller);
    return this.require(id);
  }

  async require(id: string): Promise<RoleEntity> {
    const r = (await this.roles.graph()).roles.get(id) ?? (await this.roles.findById(id));
    if (!r) {
      throw notFoundOf('role', id);
    }
    return r;
  }

  async list(caller: AuthContext, f: RoleFilter, page: PageRequest): Promise<Page<RoleEntity>> {
    requireAdmin(caller);
    const domainId = f.domainId ?? GLOBAL_ROLE_DOMAIN;
    const rows = (await this.roles.listAll()).filter(
      (r) => r.domainId === domainId && matchesString(r.name, f.name),
    );
    return paginate(rows, page);
  }

  async create(caller: AuthContext, input: CreateRoleInput): Promise<RoleEntity> {
    requireAdmin(caller);
    const { extra } = splitExtra(input, ROLE_KNOWN_KEYS);
    const domainId = input.domain_id ?? GLOBAL_ROLE_DOMAIN;
    if (domainId !== GLOBAL_ROLE_DOMAIN && !(await this.domains.findById(domainId))) {
      throw badRequest(`Could not find domain: ${domainId}.`);
    }
    const role: RoleEntity = {
      id: newId(),
      name: input.name,
      domainId,
      description: input.description ?? null,
      extra: { ...extra, ...(input.options?.immutable ? { immutable: true } : {}) },
      createdAt: Date.now(),
    };
    await uniquely('role', `name ${role.name}`, () => this.roles.insert(role));
    return role;
  }

  async update(caller: AuthContext, id: string, input: UpdateRoleInput): Promise<RoleEntity> {
    requireAdmin(caller);
    const r = await this.require(id);
    this.requireMutable(r);
    const { extra } = splitExtra(input, ROLE_KNOWN_KEYS);
    if ('domain_id' in input) {
      throw badRequest('Cannot change the domain of a role.');
    }
    const next: RoleEntity = {
      ...r,
      name: input.name ?? r.name,
      description: input.description !== undefined ? input.description : r.description,
      extra: { ...r.extra, ...extra },
    };
    await uniquely('role', `name ${next.name}`, () => this.roles.save(next));
    return next;
  }

  /** Delete a role, its assignments and implications; tokens that carried it are revoked. */
  async delete(caller: AuthContext, id: string): Promise<void> {
    requireAdmin(caller);
    this.requireMutable(await this.require(id));
    await this.roles.transaction(async (m) => {
      await this.revoker.revokeForRole(id, m);
      await this.assignments.deleteWhere({ roleIds: [id] }, m);
      await this.roles.delete([id], m);
    });
  }

  private requireMutable(r: RoleEntity): void {
    if (r.extra['immutable'] === true) {
      throw forbidden(`Role ${r.id} is immutable.`);
    }
  }

  /** Implied roles ------------------------------------------------------------------------ */

  async imply(
    caller: AuthContext,
    priorId: string,
    impliedId: string,
  ): Promise<[RoleEntity, RoleEntity]> {
    requireAdmin(caller);
    const [prior, implied] = [await this.require(priorId), await this.require(impliedId)];
    if (PROHIBITED_IMPLIED.includes(implied.name)) {
      throw forbidden(`${implied.name} may not be an implied role.`);
    }
    await this.roles.addImplication(priorId, impliedId);
    return [prior, implied];
  }

  async getImplication(
    caller: AuthContext,
    priorId: string,
    impliedId: string,
  ): Promise<[RoleEntity, RoleEntity]> {
    requireAdmin(caller);
    const [prior, implied] = [await this.require(priorId), await this.require(impliedId)];
    if (!(await this.roles.graph()).implies.get(priorId)?.includes(impliedId)) {
      throw notFoundOf('implied role', `${priorId} implies ${impliedId}`);
    }
    return [prior, implied];
  }

  async unimply(caller: AuthContext, priorId: string, impliedId: string): Promise<void> {
    await this.getImplication(caller, priorId, impliedId);
    // Tokens got the implied role through the prior one: revoke those that carry the prior role.
    await this.revoker.revokeForRole(priorId);
    await this.roles.removeImplication(priorId, impliedId);
  }

  /** prior → the roles it implies directly; all priors when `priorId` is undefined. */
  async implications(
    caller: AuthContext,
    priorId?: string,
  ): Promise<Array<[RoleEntity, RoleEntity[]]>> {
    requireAdmin(caller);
    const graph = await this.roles.graph();
    const priors =
      priorId !== undefined ? [(await this.require(priorId)).id] : [...graph.implies.keys()];
    return priors.flatMap((p) => {
      const prior = graph.roles.get(p);
      const implied = (graph.implies.get(p) ?? []).flatMap((i) => graph.roles.get(i) ?? []);
      return prior ? [[prior, implied] as [RoleEntity, RoleEntity[]]] : [];
    });
  }
}
