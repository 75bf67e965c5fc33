import type { ApiVersion } from '../http/api-version.js';
import { hostIdOf } from '../shared/host-id.js';
import { isoMicro } from '../shared/time.js';
import type { InstanceActionEventEntity } from './instance-action-event.entity.js';
import type { InstanceActionEntity } from './instance-action.entity.js';

/** Nova's instance action views, per microversion and role. */
export class InstanceActionView {
  constructor(
    private readonly version: ApiVersion,
    private readonly isAdmin: boolean,
  ) {}

  action(a: InstanceActionEntity): Record<string, unknown> {
    return {
      action: a.action,
      instance_uuid: a.serverId,
      message: a.message,
      project_id: a.projectId,
      request_id: a.requestId,
      start_time: isoMicro(a.startTime),
      user_id: a.userId,
      ...(this.version.atLeast('2.58') ? { updated_at: isoMicro(a.updatedAt) } : {}),
    };
  }

  /** The action with its events: before 2.51 events are for admins only; traceback always is. */
  withEvents(a: InstanceActionEntity, events: InstanceActionEventEntity[]): Record<string, unknown> {
    const body = this.action(a);
    if (this.version.before('2.51') && !this.isAdmin) {
      return body;
    }
    body['events'] = events.map((e) => this.event(e, a.projectId));
    return body;
  }

  private event(e: InstanceActionEventEntity, projectId: string): Record<string, unknown> {
    const out: Record<string, unknown> = {
      event: e.event,
      start_time: isoMicro(e.startTime),
      finish_time: isoMicro(e.finishTime),
      result: e.result,
    };
    if (this.isAdmin) {
      out['traceback'] = e.traceback;
    }
    if (this.version.atLeast('2.62')) {
      if (this.isAdmin) {
        out['host'] = e.host ?? '';
      }
      out['hostId'] = hostIdOf(projectId, e.host);
    }
    return out;
  }
}
