import { Inject, Injectable } from '@nestjs/common';
import { badRequest } from '@tinystack/errors';
import { Brackets, type SelectQueryBuilder } from 'typeorm';
import { parseAddresses } from './addresses.js';
import type { ServerListParams } from './server-list.query.js';
import type { ServerEntity } from './server.entity.js';
import { ServersRepository } from './servers.repository.js';

/**
 * Server listings: SQL does the filtering and ordering; name and ip filters (regular
 * expressions, as Nova applies them) and the marker are applied afterwards when present.
 */
@Injectable()
export class ServerListFinder {
  constructor(@Inject(ServersRepository) private readonly repo: ServersRepository) {}

  /** `scopeProject`: only this project's servers (undefined: every project). */
  async find(p: ServerListParams, scopeProject: string | undefined): Promise<ServerEntity[]> {
    if (p.impossible) {
      return [];
    }
    const qb = this.repo.servers.createQueryBuilder('s');
    this.scope(qb, p, scopeProject);
    this.filters(qb, p);
    this.tagFilters(qb, p);
    for (const [i, s] of p.sort.entries()) {
      qb[i === 0 ? 'orderBy' : 'addOrderBy'](`s.${s.column}`, s.dir);
    }
    qb.addOrderBy('s.id', p.sort[0]?.dir ?? 'DESC');
    const postFilter = p.name !== undefined || p.ip !== undefined || p.ip6 !== undefined;
    if (!postFilter && p.page.marker === undefined) {
      return this.repo.fromRaw(await qb.limit(p.page.limit).getRawMany(), 's');
    }
    let rows = this.repo.fromRaw(await qb.getRawMany(), 's');
    if (postFilter) {
      rows = rows.filter((s) => this.matches(s, p));
    }
    if (p.page.marker !== undefined) {
      const at = rows.findIndex((s) => s.id === p.page.marker);
      if (at === -1) {
        throw badRequest(`marker [${p.page.marker}] not found`);
      }
      rows = rows.slice(at + 1);
    }
    return rows.slice(0, p.page.limit);
  }

  private scope(qb: SelectQueryBuilder<ServerEntity>, p: ServerListParams, scopeProject: string | undefined): void {
    qb.where('1 = 1');
    if (scopeProject !== undefined) {
      qb.andWhere('s.project_id = :scope', { scope: scopeProject });
    } else if (p.projectId !== undefined) {
      qb.andWhere('s.project_id = :project', { project: p.projectId });
    }
    if (p.onlyDeleted) {
      qb.andWhere('s.deleted_at IS NOT NULL');
    } else if (p.changesSince === undefined) {
      qb.andWhere('s.deleted_at IS NULL');
    }
  }

  private filters(qb: SelectQueryBuilder<ServerEntity>, p: ServerListParams): void {
    const eq: Array<[string, string | undefined]> = [
      ['user_id', p.userId],
      ['host', p.host],
      ['node', p.node],
      ['image_id', p.imageId],
      ['flavor_id', p.flavorId],
      ['reservation_id', p.reservationId],
      ['id', p.uuid],
    ];
    for (const [column, value] of eq) {
      if (value !== undefined) {
        qb.andWhere(`s.${column} = :${column}`, { [column]: value });
      }
    }
    if (p.vmStates) {
      qb.andWhere('s.vm_state IN (:...vmStates)', { vmStates: p.vmStates });
    }
    if (p.taskStates) {
      qb.andWhere('s.task_state IN (:...taskStates)', { taskStates: p.taskStates });
    }
    if (p.changesSince !== undefined) {
      qb.andWhere('s.updated_at >= :since', { since: p.changesSince });
    }
    if (p.changesBefore !== undefined) {
      qb.andWhere('s.updated_at <= :before', { before: p.changesBefore });
    }
    if (p.locked !== undefined) {
      qb.andWhere('s.locked = :locked', { locked: p.locked });
    }
  }

  private tagFilters(qb: SelectQueryBuilder<ServerEntity>, p: ServerListParams): void {
    const has = (param: string) => `EXISTS (SELECT 1 FROM server_tags t WHERE t.server_id = s.id AND t.tag = :${param})`;
    (p.tags ?? []).forEach((tag, i) => qb.andWhere(has(`tag${i}`), { [`tag${i}`]: tag }));
    if (p.tagsAny?.length) {
      qb.andWhere(
        new Brackets((b) => p.tagsAny?.forEach((tag, i) => b.orWhere(has(`tagAny${i}`), { [`tagAny${i}`]: tag }))),
      );
    }
    if (p.notTags?.length) {
      // not all of them
      qb.andWhere(
        new Brackets((b) => p.notTags?.forEach((tag, i) => b.orWhere(`NOT ${has(`notTag${i}`)}`, { [`notTag${i}`]: tag }))),
      );
    }
    (p.notTagsAny ?? []).forEach((tag, i) => qb.andWhere(`NOT ${has(`notTagAny${i}`)}`, { [`notTagAny${i}`]: tag }));
  }

  private matches(s: ServerEntity, p: ServerListParams): boolean {
    if (p.name && !p.name.test(s.name)) {
      return false;
    }
    if (p.ip || p.ip6) {
      const addrs = Object.values(parseAddresses(s.addresses)).flat();
      if (p.ip && !addrs.some((a) => a.version === 4 && p.ip?.test(a.addr))) {
        return false;
      }
      if (p.ip6 && !addrs.some((a) => a.version === 6 && p.ip6?.test(a.addr))) {
        return false;
      }
    }
    return true;
  }
}
