import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '@tinystack/auth';
import { badRequest, forbidden } from '@tinystack/errors';
import { ServerOpsConductor } from '../conductor/server-ops.conductor.js';
import { IMAGE_GATEWAY, type ImageGateway } from '../images/image.port.js';
import { InstanceActionsService } from '../instance-actions/instance-actions.service.js';
import { QuotasService } from '../quotas/quotas.service.js';
import { ServerAccess } from '../servers/server-access.service.js';
import { ACTION_RULES, refusalOf, type GuardedAction, type PowerAction } from '../servers/server-state.js';
import type { ServerEntity } from '../servers/server.entity.js';
import { ServersRepository } from '../servers/servers.repository.js';
import { InstanceInvalidState, InstanceIsLocked } from '../shared/compute.errors.js';
import { isAdmin, requireAdmin } from '../shared/policy.js';

/**
 * Server actions (POST /servers/{id}/action): each checks the lock and the state the action
 * needs, moves the server into the action's task state atomically (a concurrent action gets
 * Nova's 409), records an instance action and hands the work to the conductor.
 */
@Injectable()
export class ServerActionsService {
  constructor(
    @Inject(ServerAccess) private readonly access: ServerAccess,
    @Inject(ServersRepository) private readonly repo: ServersRepository,
    @Inject(InstanceActionsService) private readonly actions: InstanceActionsService,
    @Inject(ServerOpsConductor) private readonly ops: ServerOpsConductor,
    @Inject(QuotasService) private readonly quotas: QuotasService,
    @Inject(IMAGE_GATEWAY) private readonly images: ImageGateway,
  ) {}

  /** A server the caller may act on, not locked (admins pass locks). */
  private async actionable(caller: AuthContext, id: string): Promise<ServerEntity> {
    const server = await this.access.writable(caller, id);
    if (server.locked && !isAdmin(caller)) {
      throw new InstanceIsLocked(id);
    }
    return server;
  }

  /** Move into the rule's task state, or Nova's InstanceInvalidState for the state it is in. */
  private async enter(server: ServerEntity, kind: GuardedAction): Promise<ServerEntity> {
    const rule = ACTION_RULES[kind];
    const noHost = `Cannot '${rule.verb}' instance ${server.id} while it is in vm_state ${server.vmState}`;
    const refusal = refusalOf(rule, server.id, server.vmState, server.taskState) ?? (server.host ? undefined : noHost);
    if (refusal) {
      throw new InstanceInvalidState(refusal);
    }
    if (await this.repo.update(server.id, { taskState: rule.task }, { vmStates: rule.vmStates, taskStates: rule.taskStates })) {
      return { ...server, taskState: rule.task };
    }
    const now = (await this.repo.findLive(server.id)) ?? server;
    throw new InstanceInvalidState(
      refusalOf(rule, server.id, now.vmState, now.taskState) ?? `Cannot '${rule.verb}' instance ${server.id} while it is in task_state ${now.taskState}`,
    );
  }

  async power(caller: AuthContext, id: string, kind: PowerAction): Promise<void> {
    const server = await this.enter(await this.actionable(caller, id), kind);
    const name = kind === 'reboot_hard' ? 'reboot' : kind;
    const action = await this.actions.start(id, name, { userId: caller.userId, projectId: server.projectId });
    this.ops.power(server, kind, action);
  }

  /**
   * createImage: the snapshot is taken and stored before this answers, so the image the id
   * names exists (active) as soon as the client looks for it: the image contract creates an
   * image from the streamed bytes in one call (see docs/compute.md).
   */
  async createImage(caller: AuthContext, token: string, id: string, name: string, metadata: Record<string, string>): Promise<string> {
    const server = await this.actionable(caller, id);
    await this.quotas.checkMetadataItems(server.projectId, Object.keys(metadata).length);
    const entered = await this.enter(server, 'createImage');
    const action = await this.actions.start(id, 'createImage', { userId: caller.userId, projectId: server.projectId });
    const base = server.imageId ? await this.images.getImage(token, server.imageId).catch(() => undefined) : undefined;
    const image = await this.ops.snapshot(
      entered,
      {
        name,
        containerFormat: 'bare',
        minDiskGb: server.rootGb,
        minRamMb: base?.minRamMb ?? 0,
        properties: {
          ...metadata,
          image_type: 'snapshot',
          instance_uuid: server.id,
          user_id: caller.userId,
          ...(server.imageId ? { base_image_ref: server.imageId } : {}),
        },
      },
      token,
      action,
    );
    return image.id;
  }

  /** os-getConsoleOutput: the last `length` lines (all for -1 or none). */
  async consoleOutput(caller: AuthContext, id: string, length: number | null | undefined): Promise<string> {
    const server = await this.access.writable(caller, id);
    if (length !== null && length !== undefined && length < -1) {
      throw badRequest('Invalid input for field/attribute length.');
    }
    if (!server.host || server.vmState === 'building') {
      throw new InstanceInvalidState(`Instance ${id} is not ready`);
    }
    if (length === 0) {
      return '';
    }
    const text = await this.ops.consoleOutput(server, length === -1 || length === null || length === undefined ? undefined : length);
    // Nova drops characters that are not printable (but keeps newlines and tabs).
    return [...text].filter((ch) => isPrintable(ch.charCodeAt(0))).join('');
  }

  async lock(caller: AuthContext, id: string, reason: string | undefined): Promise<void> {
    const server = await this.access.writable(caller, id);
    await this.repo.update(id, { locked: true, lockedBy: isAdmin(caller) ? 'admin' : 'owner', lockedReason: reason ?? null });
    await this.actions.start(id, 'lock', { userId: caller.userId, projectId: server.projectId });
  }

  async unlock(caller: AuthContext, id: string): Promise<void> {
    const server = await this.access.writable(caller, id);
    if (server.lockedBy === 'admin' && !isAdmin(caller)) {
      throw forbidden("Policy doesn't allow os_compute_api:os-lock-server:unlock:unlock_override to be performed.");
    }
    await this.repo.update(id, { locked: false, lockedBy: null, lockedReason: null });
    await this.actions.start(id, 'unlock', { userId: caller.userId, projectId: server.projectId });
  }

  /** os-resetState (admins): force vm_state active or error, clearing the task. */
  async resetState(caller: AuthContext, id: string, state: 'active' | 'error'): Promise<void> {
    requireAdmin(caller, 'os_compute_api:os-admin-actions:reset_state');
    const server = await this.access.writable(caller, id);
    await this.repo.update(id, { vmState: state, taskState: null });
    await this.actions.start(id, 'resetState', { userId: caller.userId, projectId: server.projectId });
  }
}

/** Tab, newline, carriage return, and everything from space up but DEL and the C1 controls. */
function isPrintable(code: number): boolean {
  return code === 9 || code === 10 || code === 13 || (code >= 32 && code !== 127 && (code < 0x80 || code >= 0xa0));
}
