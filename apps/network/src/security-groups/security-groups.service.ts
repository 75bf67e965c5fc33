import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { isAdmin, type AuthContext } from '@tinystack/auth';
import { DataSource, In, type EntityManager } from 'typeorm';
import { DefaultSecurityGroupEntity, PortEntity, SecurityGroupEntity, SecurityGroupRuleEntity } from '../entities.js';
import { QuotasService } from '../quotas/quotas.service.js';
import { callerProject, ownerFor, owns } from '../shared/caller.js';
import { WriteLock } from '../shared/mutex.js';
import { inUse, neutronError, notFoundOf } from '../shared/neutron.errors.js';
import { newStandard, touch } from '../shared/standard-attrs.js';
import { ruleMatchOf, sameMatch, type RuleMatch } from './rule-input.js';
import {
  ruleView,
  securityGroupView,
  type CreateRuleBody,
  type CreateSecurityGroupBody,
  type RuleView,
  type SecurityGroupView,
  type UpdateRuleBody,
  type UpdateSecurityGroupBody,
} from './security-groups.api.js';

function newRule(projectId: string, groupId: string, match: RuleMatch, description = ''): SecurityGroupRuleEntity {
  const now = Date.now();
  return Object.assign(new SecurityGroupRuleEntity(), {
    id: randomUUID(),
    projectId,
    securityGroupId: groupId,
    ...match,
    description,
    createdAt: now,
    updatedAt: now,
    revision: 0,
  });
}

const ANY_EGRESS = (ethertype: string): RuleMatch => ({
  direction: 'egress',
  ethertype,
  protocol: null,
  portRangeMin: null,
  portRangeMax: null,
  remoteIpPrefix: null,
  remoteGroupId: null,
});

/** Security groups and their rules, with Neutron's `default` group per project. */
@Injectable()
export class SecurityGroupsService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(QuotasService) private readonly quotas: QuotasService,
    @Inject(WriteLock) private readonly lock: WriteLock,
  ) {}

  /**
   * The project's `default` group, created on first use as Neutron does: egress anywhere,
   * ingress only from members of the group itself.
   */
  async ensureDefault(m: EntityManager, projectId: string): Promise<string> {
    const known = await m.getRepository(DefaultSecurityGroupEntity).findOneBy({ projectId });
    if (known) {
      return known.securityGroupId;
    }
    const group = Object.assign(new SecurityGroupEntity(), {
      ...newStandard(projectId, 'Default security group'),
      name: 'default',
      stateful: true,
    });
    await m.getRepository(SecurityGroupEntity).insert(group);
    await m.getRepository(DefaultSecurityGroupEntity).insert({ projectId, securityGroupId: group.id });
    const rules = ['IPv4', 'IPv6'].flatMap((ethertype) => [
      newRule(projectId, group.id, ANY_EGRESS(ethertype)),
      newRule(projectId, group.id, { ...ANY_EGRESS(ethertype), direction: 'ingress', remoteGroupId: group.id }),
    ]);
    await m.getRepository(SecurityGroupRuleEntity).insert(rules);
    return group.id;
  }

  /** The default group of the caller's project, created when missing. */
  async defaultFor(projectId: string): Promise<string> {
    const known = await this.ds.getRepository(DefaultSecurityGroupEntity).findOneBy({ projectId });
    return known ? known.securityGroupId : this.lock.run(() => this.ds.transaction((m) => this.ensureDefault(m, projectId)));
  }

  async create(caller: AuthContext, body: CreateSecurityGroupBody): Promise<SecurityGroupView> {
    const projectId = ownerFor(caller, body, 'create_security_group');
    return this.lock.run(() =>
      this.ds.transaction(async (m) => {
        await this.ensureDefault(m, projectId);
        await this.quotas.check(m, projectId, 'security_group');
        const group = Object.assign(new SecurityGroupEntity(), {
          ...newStandard(projectId, body.description),
          name: body.name ?? '',
          stateful: body.stateful ?? true,
        });
        await m.getRepository(SecurityGroupEntity).insert(group);
        const rules = ['IPv4', 'IPv6'].map((e) => newRule(projectId, group.id, ANY_EGRESS(e)));
        await m.getRepository(SecurityGroupRuleEntity).insert(rules);
        return securityGroupView(group, rules, false);
      }),
    );
  }

  async list(caller: AuthContext): Promise<SecurityGroupView[]> {
    await this.defaultFor(callerProject(caller));
    const groups = (await this.ds.getRepository(SecurityGroupEntity).find()).filter((g) => owns(caller, g.projectId));
    const rules = await this.ds.getRepository(SecurityGroupRuleEntity).findBy({ securityGroupId: In(groups.map((g) => g.id)) });
    const defaults = new Set((await this.ds.getRepository(DefaultSecurityGroupEntity).find()).map((d) => d.securityGroupId));
    return groups.map((g) => securityGroupView(g, rules.filter((r) => r.securityGroupId === g.id), defaults.has(g.id)));
  }

  async find(caller: AuthContext, id: string): Promise<SecurityGroupEntity> {
    const g = await this.ds.getRepository(SecurityGroupEntity).findOneBy({ id });
    if (!g || !owns(caller, g.projectId)) {
      throw notFoundOf('Security group', id);
    }
    return g;
  }

  async get(caller: AuthContext, id: string): Promise<SecurityGroupView> {
    return this.viewOf(await this.find(caller, id));
  }

  async update(caller: AuthContext, id: string, body: UpdateSecurityGroupBody): Promise<SecurityGroupView> {
    return this.lock.run(async () => {
      const g = await this.find(caller, id);
      if (g.name === 'default' && body.name !== undefined && body.name !== 'default') {
        throw neutronError('conflict', 'SecurityGroupCannotUpdateDefault', 'Updating default security group not allowed.');
      }
      if (body.name !== undefined) {g.name = body.name;}
      if (body.description !== undefined) {g.description = body.description;}
      if (body.stateful !== undefined) {g.stateful = body.stateful;}
      touch(g);
      await this.ds.getRepository(SecurityGroupEntity).save(g);
      return this.viewOf(g);
    });
  }

  async delete(caller: AuthContext, id: string): Promise<void> {
    await this.lock.run(async () => {
      const g = await this.find(caller, id);
      const isDefault = await this.ds.getRepository(DefaultSecurityGroupEntity).findOneBy({ securityGroupId: id });
      if (isDefault && !isAdmin(caller)) {
        throw neutronError('conflict', 'SecurityGroupCannotRemoveDefault', 'Insufficient rights for removing default security group.');
      }
      const ports = await this.ds.getRepository(PortEntity).find({ select: { id: true, securityGroups: true } });
      if (ports.some((p) => p.securityGroups.includes(id))) {
        throw inUse('SecurityGroupInUse', `Security Group ${id} in use.`);
      }
      const usedAsRemote = await this.ds.getRepository(SecurityGroupRuleEntity).findOneBy({ remoteGroupId: id });
      if (usedAsRemote && usedAsRemote.securityGroupId !== id) {
        throw inUse('SecurityGroupInUse', `Security Group ${id} in use.`);
      }
      await this.ds.transaction(async (m) => {
        await m.getRepository(SecurityGroupRuleEntity).delete({ securityGroupId: id });
        await m.getRepository(DefaultSecurityGroupEntity).delete({ securityGroupId: g.id });
        await m.getRepository(SecurityGroupEntity).delete({ id });
      });
    });
  }

  // --- rules ---

  async createRule(caller: AuthContext, body: CreateRuleBody): Promise<RuleView> {
    const match = ruleMatchOf(body);
    return this.lock.run(async () => {
      const g = await this.find(caller, body.security_group_id);
      if (match.remoteGroupId !== null) {
        await this.find(caller, match.remoteGroupId);
      }
      return this.ds.transaction(async (m) => {
        const existing = await m.getRepository(SecurityGroupRuleEntity).findBy({ securityGroupId: g.id });
        const dup = existing.find((r) => sameMatch(r, match));
        if (dup) {
          throw neutronError('conflict', 'SecurityGroupRuleExists', `Security group rule already exists. Rule id is ${dup.id}.`);
        }
        await this.quotas.check(m, g.projectId, 'security_group_rule');
        const rule = newRule(g.projectId, g.id, match, body.description);
        await m.getRepository(SecurityGroupRuleEntity).insert(rule);
        touch(g);
        await m.getRepository(SecurityGroupEntity).save(g);
        return ruleView(rule, await this.defaultIdOf(g.projectId));
      });
    });
  }

  async listRules(caller: AuthContext): Promise<RuleView[]> {
    const rules = (await this.ds.getRepository(SecurityGroupRuleEntity).find()).filter((r) => owns(caller, r.projectId));
    const defaults = new Set((await this.ds.getRepository(DefaultSecurityGroupEntity).find()).map((d) => d.securityGroupId));
    return rules.map((r) => ruleView(r, defaults.has(r.securityGroupId) ? r.securityGroupId : undefined));
  }

  async findRule(caller: AuthContext, id: string): Promise<SecurityGroupRuleEntity> {
    const r = await this.ds.getRepository(SecurityGroupRuleEntity).findOneBy({ id });
    if (!r || !owns(caller, r.projectId)) {
      throw notFoundOf('Security group rule', id);
    }
    return r;
  }

  async getRule(caller: AuthContext, id: string): Promise<RuleView> {
    const r = await this.findRule(caller, id);
    return ruleView(r, await this.defaultIdOf(r.projectId));
  }

  async updateRule(caller: AuthContext, id: string, body: UpdateRuleBody): Promise<RuleView> {
    return this.lock.run(async () => {
      const r = await this.findRule(caller, id);
      if (body.description !== undefined) {r.description = body.description;}
      touch(r);
      await this.ds.getRepository(SecurityGroupRuleEntity).save(r);
      return ruleView(r, await this.defaultIdOf(r.projectId));
    });
  }

  async deleteRule(caller: AuthContext, id: string): Promise<void> {
    await this.lock.run(async () => {
      const r = await this.findRule(caller, id);
      await this.ds.getRepository(SecurityGroupRuleEntity).delete({ id: r.id });
      const g = await this.ds.getRepository(SecurityGroupEntity).findOneBy({ id: r.securityGroupId });
      if (g) {
        touch(g);
        await this.ds.getRepository(SecurityGroupEntity).save(g);
      }
    });
  }

  private async viewOf(g: SecurityGroupEntity): Promise<SecurityGroupView> {
    const rules = await this.ds.getRepository(SecurityGroupRuleEntity).findBy({ securityGroupId: g.id });
    return securityGroupView(g, rules, (await this.defaultIdOf(g.projectId)) === g.id);
  }

  private async defaultIdOf(projectId: string): Promise<string | undefined> {
    return (await this.ds.getRepository(DefaultSecurityGroupEntity).findOneBy({ projectId }))?.securityGroupId;
  }
}

/** The rule half of the service, in the shape the REST edge wants. */
@Injectable()
export class SecurityGroupRulesService {
  constructor(@Inject(SecurityGroupsService) private readonly groups: SecurityGroupsService) {}
  create = (c: AuthContext, b: CreateRuleBody) => this.groups.createRule(c, b);
  list = (c: AuthContext) => this.groups.listRules(c);
  get = (c: AuthContext, id: string) => this.groups.getRule(c, id);
  update = (c: AuthContext, id: string, b: UpdateRuleBody) => this.groups.updateRule(c, id, b);
  delete = (c: AuthContext, id: string) => this.groups.deleteRule(c, id);
}
