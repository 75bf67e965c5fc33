import { Inject, Injectable } from '@nestjs/common';
import { currentRequestId, loggerFor, newRequestId } from '@tinystack/logging';
import { InstanceActionEventEntity } from './instance-action-event.entity.js';
import { InstanceActionEntity } from './instance-action.entity.js';
import { InstanceActionsRepository } from './instance-actions.repository.js';

/** Who asked for an action. */
export interface Actor {
  readonly userId: string;
  readonly projectId: string;
}

/** A running instance action: its events are recorded as the conductor works. */
export interface ActionHandle {
  readonly actionId: number;
  readonly requestId: string;
}

/**
 * Records os-instance-actions: one action per user request on a server, with the events of
 * the work done for it. Recording never fails the work: errors are logged.
 */
@Injectable()
export class InstanceActionsService {
  private readonly log = loggerFor('InstanceActionsService');

  constructor(@Inject(InstanceActionsRepository) private readonly repo: InstanceActionsRepository) {}

  /** Start an action (create, stop, reboot...) under the current request id. */
  async start(serverId: string, action: string, actor: Actor): Promise<ActionHandle> {
    const now = Date.now();
    const requestId = currentRequestId() ?? newRequestId();
    const row = await this.repo.actions.save(
      Object.assign(new InstanceActionEntity(), {
        serverId,
        action,
        requestId,
        userId: actor.userId,
        projectId: actor.projectId,
        startTime: now,
        finishTime: null,
        message: null,
        updatedAt: now,
      }),
    );
    return { actionId: row.id, requestId };
  }

  /**
   * Run `work` as an event of the action: recorded with its start and finish, Success or
   * Error (with the error as traceback). The work's own error is rethrown.
   */
  async event<T>(handle: ActionHandle, event: string, host: string | null, work: () => Promise<T>): Promise<T> {
    const started = await this.startEvent(handle, event, host);
    try {
      const result = await work();
      await this.finishEvent(handle, started, undefined);
      return result;
    } catch (err) {
      await this.finishEvent(handle, started, err);
      throw err;
    }
  }

  private async startEvent(handle: ActionHandle, event: string, host: string | null): Promise<number | undefined> {
    try {
      const row = await this.repo.events.save(
        Object.assign(new InstanceActionEventEntity(), {
          actionId: handle.actionId,
          event,
          startTime: Date.now(),
          finishTime: null,
          result: null,
          traceback: null,
          host,
          details: null,
        }),
      );
      return row.id;
    } catch (err) {
      this.log.warn({ err, event }, 'could not record an instance action event');
      return undefined;
    }
  }

  private async finishEvent(handle: ActionHandle, eventId: number | undefined, err: unknown): Promise<void> {
    const now = Date.now();
    try {
      if (eventId !== undefined) {
        await this.repo.events.update(
          { id: eventId },
          {
            finishTime: now,
            result: err === undefined ? 'Success' : 'Error',
            traceback: err === undefined ? null : describe(err),
            details: err === undefined ? null : messageOf(err),
          },
        );
      }
      await this.repo.actions.update(
        { id: handle.actionId },
        err === undefined ? { updatedAt: now } : { updatedAt: now, message: 'Error' },
      );
    } catch (e) {
      this.log.warn({ err: e }, 'could not record the end of an instance action event');
    }
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : JSON.stringify(err);
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : JSON.stringify(err);
}
