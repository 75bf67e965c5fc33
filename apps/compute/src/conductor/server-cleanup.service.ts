import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@tinystack/errors';
import { loggerFor } from '@tinystack/logging';
import type { ActionHandle } from '../instance-actions/instance-actions.service.js';
import { NETWORK_GATEWAY, type NetworkGateway } from '../networking/network.port.js';
import { InstanceActionsService } from '../instance-actions/instance-actions.service.js';
import { PowerState, TaskState, VmState } from '../servers/server-state.js';
import type { ServerEntity } from '../servers/server.entity.js';
import { ServersRepository } from '../servers/servers.repository.js';
import { AgentLookup, isUnreachable, messageOf } from './agent-lookup.service.js';

/**
 * Deleting servers: the guest and its disks go on the agent, then the server is marked
 * deleted (404 from then on, quota freed). When the agent cannot be reached the server is
 * deleted locally, as Nova does when nova-compute is down; the agent destroys the guest
 * when it next registers or heartbeats (destroy_server_ids).
 */
@Injectable()
export class ServerCleanup {
  private readonly log = loggerFor('ServerCleanup');

  constructor(
    @Inject(ServersRepository) private readonly servers: ServersRepository,
    @Inject(AgentLookup) private readonly agents: AgentLookup,
    @Inject(InstanceActionsService) private readonly actions: InstanceActionsService,
    @Inject(NETWORK_GATEWAY) private readonly network: NetworkGateway | null,
  ) {}

  /** The delete the API asked for (task_state is already `deleting`). */
  async delete(server: ServerEntity, action: ActionHandle): Promise<void> {
    if (server.host && server.vmState !== VmState.BUILDING) {
      const host = server.host;
      try {
        await this.actions.event(action, 'compute_terminate_instance', host, async () => {
          const agent = await this.agents.forHost(host);
          await agent.destroy(server.id);
        });
      } catch (err) {
        if (!isUnreachable(err) && !(err instanceof DomainError && err.kind === 'not_found')) {
          await this.servers.update(
            server.id,
            { vmState: VmState.ERROR, taskState: null, faultCode: 500, faultMessage: messageOf(err), faultDetails: messageOf(err), faultCreatedAt: Date.now() },
            { taskStates: [TaskState.DELETING] },
          );
          return;
        }
        this.log.warn({ serverId: server.id, host, err }, 'agent unreachable: deleting locally');
      }
    } else if (server.host) {
      // a build is running: the builder removes the guest when it sees the delete
      await this.destroyQuietly(server.host, server.id);
    }
    const fresh = await this.servers.findLive(server.id);
    if (fresh && (fresh.vmState !== VmState.BUILDING || !fresh.host)) {
      await this.finishDelete(fresh);
    }
  }

  /** Mark deleted: vm_state deleted, deleted_at and terminated_at set; its ports released. */
  async finishDelete(server: ServerEntity): Promise<void> {
    await this.releasePorts(server);
    const now = Date.now();
    await this.servers.update(server.id, {
      vmState: VmState.DELETED,
      taskState: null,
      powerState: PowerState.NOSTATE,
      deletedAt: now,
      terminatedAt: now,
    });
    this.log.info({ serverId: server.id }, 'server deleted');
  }

  /**
   * The network service deletes the ports made for the server and unbinds the ones it was
   * given. When it cannot be reached the delete goes on (as Nova's does) and the ports stay,
   * with the deleted server's device_id, for an operator to remove.
   */
  private async releasePorts(server: ServerEntity): Promise<void> {
    if (!this.network || server.networkMode === 'none') {
      return;
    }
    try {
      await this.network.release(server.id);
    } catch (err) {
      this.log.warn({ err, serverId: server.id }, 'could not release the server ports');
    }
  }

  /** Remove a guest, logging (not throwing) when that fails: reconciliation retries later. */
  async destroyQuietly(host: string, serverId: string): Promise<void> {
    try {
      const agent = await this.agents.forHost(host);
      await agent.destroy(serverId);
    } catch (err) {
      this.log.warn({ err, serverId, host }, 'could not destroy a guest');
    }
  }
}
