import { Inject, Injectable } from '@nestjs/common';
import { loggerFor } from '@tinystack/logging';
import type { AgentGuest } from '../agents/agent.port.js';
import { addressesJson } from '../servers/addresses.js';
import { PowerState, syncedVmState, VmState } from '../servers/server-state.js';
import type { ServerEntity } from '../servers/server.entity.js';
import { ServersRepository, type ServerChanges } from '../servers/servers.repository.js';

/** States the sync may change; building, error and deleted servers are left alone. */
const STABLE = new Set<string>([VmState.ACTIVE, VmState.STOPPED, VmState.PAUSED, VmState.SUSPENDED]);

/**
 * A periodic report may have been taken before the server's last change (an action that just
 * finished): its view of a server changed this recently does not move the vm_state.
 */
export const SYNC_GRACE_MS = 3000;

/**
 * Nova's power-state sync: what the agent of a host reports its guests to be is compared
 * with compute's records. A guest that died (or vanished) turns an active server SHUTOFF;
 * a guest found running makes its server ACTIVE again. Servers with a task running are not
 * touched (the task will set their state). Returns the guests whose servers compute has
 * deleted, for the agent to destroy.
 */
@Injectable()
export class PowerSyncService {
  private readonly log = loggerFor('PowerSyncService');

  constructor(@Inject(ServersRepository) private readonly servers: ServersRepository) {}

  /** The full report of a host (register, heartbeat). */
  async syncHost(host: string, guests: readonly AgentGuest[]): Promise<string[]> {
    const onHost = await this.servers.onHost(host);
    const seen = new Map(guests.map((g) => [g.serverId, g]));
    for (const server of onHost) {
      const guest = seen.get(server.id);
      await this.apply(server, guest ?? { serverId: server.id, powerState: PowerState.NOSTATE, addresses: [] }, SYNC_GRACE_MS);
      seen.delete(server.id);
    }
    return this.strays([...seen.keys()], host);
  }

  /** One guest's change (ReportServerState). */
  async syncGuest(host: string, guest: AgentGuest): Promise<string[]> {
    const server = await this.servers.findLive(guest.serverId);
    if (server && server.host === host) {
      await this.apply(server, guest, 0);
      return [];
    }
    return this.strays([guest.serverId], host);
  }

  /**
   * Guests of servers compute has deleted. Guests compute does not know, and guests of
   * servers recorded on another host, are left alone: several agents may share one libvirt.
   */
  private async strays(ids: string[], host: string): Promise<string[]> {
    const known = await this.servers.byIds(ids);
    const gone = known.filter((s) => s.deletedAt !== null).map((s) => s.id);
    if (gone.length > 0) {
      this.log.info({ host, servers: gone }, 'guests of deleted servers: the agent destroys them');
    }
    return gone;
  }

  private async apply(server: ServerEntity, guest: AgentGuest, graceMs: number): Promise<void> {
    if (server.taskState !== null || !STABLE.has(server.vmState) || Date.now() - server.updatedAt < graceMs) {
      return;
    }
    const changes: ServerChanges = {};
    if (guest.powerState !== server.powerState) {
      changes.powerState = guest.powerState;
    }
    const vm = syncedVmState(server.vmState, guest.powerState);
    if (vm) {
      changes.vmState = vm;
    }
    if (guest.addresses.length > 0) {
      const json = addressesJson(guest.addresses);
      if (json !== server.addresses) {
        changes.addresses = json;
      }
    }
    if (Object.keys(changes).length === 0) {
      return;
    }
    const applied = await this.servers.update(server.id, changes, {
      vmStates: [server.vmState],
      taskStates: [null],
      ...(server.host ? { host: server.host } : {}),
    });
    if (applied && (changes.vmState || changes.powerState !== undefined)) {
      this.log.info({ serverId: server.id, from: server.vmState, to: changes.vmState ?? server.vmState, power: guest.powerState }, 'power state synced');
    }
  }
}
