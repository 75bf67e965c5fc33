import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { InstanceActionEventEntity } from './instance-action-event.entity.js';
import { InstanceActionEntity } from './instance-action.entity.js';

export interface ActionListQuery {
  readonly limit: number;
  /** Only actions started (or updated) at or after / before these times. */
  readonly changesSince?: number | undefined;
  readonly changesBefore?: number | undefined;
  /** The request id of the last action of the previous page. */
  readonly marker?: InstanceActionEntity | undefined;
}

@Injectable()
export class InstanceActionsRepository {
  readonly actions: Repository<InstanceActionEntity>;
  readonly events: Repository<InstanceActionEventEntity>;

  constructor(@Inject(DataSource) ds: DataSource) {
    this.actions = ds.getRepository(InstanceActionEntity);
    this.events = ds.getRepository(InstanceActionEventEntity);
  }

  /** Newest first, as Nova lists them. */
  list(serverId: string, q: ActionListQuery): Promise<InstanceActionEntity[]> {
    const qb = this.actions.createQueryBuilder('a').where('a.server_id = :serverId', { serverId });
    if (q.changesSince !== undefined) {
      qb.andWhere('a.updated_at >= :since', { since: q.changesSince });
    }
    if (q.changesBefore !== undefined) {
      qb.andWhere('a.updated_at <= :before', { before: q.changesBefore });
    }
    if (q.marker) {
      qb.andWhere('(a.start_time < :mt OR (a.start_time = :mt AND a.id < :mid))', { mt: q.marker.startTime, mid: q.marker.id });
    }
    return qb.orderBy('a.start_time', 'DESC').addOrderBy('a.id', 'DESC').take(q.limit).getMany();
  }

  /** The latest action of the server with this request id. */
  byRequest(serverId: string, requestId: string): Promise<InstanceActionEntity | null> {
    return this.actions.findOne({ where: { serverId, requestId }, order: { id: 'DESC' } });
  }

  eventsOf(actionId: number): Promise<InstanceActionEventEntity[]> {
    return this.events.find({ where: { actionId }, order: { startTime: 'ASC', id: 'ASC' } });
  }
}
