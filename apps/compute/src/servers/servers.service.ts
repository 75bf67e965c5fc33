import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '@tinystack/auth';
import { AgentsService } from '../agents/agents.service.js';
import { ServerOpsConductor } from '../conductor/server-ops.conductor.js';
import { ServerCleanup } from '../conductor/server-cleanup.service.js';
import { InstanceActionsService } from '../instance-actions/instance-actions.service.js';
import { NETWORK_GATEWAY, type NetworkGateway } from '../networking/network.port.js';
import { addressesJsonOf } from '../networking/server-networks.js';
import { InstanceIsLocked } from '../shared/compute.errors.js';
import { isAdmin, projectOf, requireReader } from '../shared/policy.js';
import type { UpdateServerBody } from './server-create.schemas.js';
import { ServerAccess } from './server-access.service.js';
import { ServerListFinder } from './server-list.finder.js';
import type { ServerListParams } from './server-list.query.js';
import { TaskState } from './server-state.js';
import type { HostStatus, ServerExtras } from './server.view.js';
import type { ServerEntity } from './server.entity.js';
import { ServersRepository } from './servers.repository.js';

/** A server with what its body needs besides the row. */
export interface ServerRecord {
  readonly server: ServerEntity;
  readonly extras: ServerExtras;
}

/** The servers API: list, show, update, delete (create is ServerCreateService). */
@Injectable()
export class ServersService {
  constructor(
    @Inject(ServersRepository) private readonly repo: ServersRepository,
    @Inject(ServerAccess) private readonly access: ServerAccess,
    @Inject(ServerListFinder) private readonly finder: ServerListFinder,
    @Inject(InstanceActionsService) private readonly actions: InstanceActionsService,
    @Inject(ServerOpsConductor) private readonly ops: ServerOpsConductor,
    @Inject(ServerCleanup) private readonly cleanup: ServerCleanup,
    @Inject(AgentsService) private readonly agents: AgentsService,
    @Inject(NETWORK_GATEWAY) private readonly network: NetworkGateway | null,
  ) {}

  async list(caller: AuthContext, params: ServerListParams): Promise<ServerRecord[]> {
    requireReader(caller);
    const scope = isAdmin(caller) && (params.allProjects || params.projectId !== undefined) ? undefined : projectOf(caller);
    return this.withExtras(await this.finder.find(params, scope));
  }

  async get(caller: AuthContext, id: string): Promise<ServerRecord> {
    const [record] = await this.withExtras([await this.access.readable(caller, id)]);
    if (!record) {
      throw new Error('unreachable');
    }
    return record;
  }

  async update(caller: AuthContext, id: string, body: UpdateServerBody['server']): Promise<ServerRecord> {
    const server = await this.access.writable(caller, id);
    await this.repo.update(server.id, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.description !== undefined ? { description: body.description } : {}),
      ...(body.accessIPv4 !== undefined ? { accessIpv4: body.accessIPv4 } : {}),
      ...(body.accessIPv6 !== undefined ? { accessIpv6: body.accessIPv6 } : {}),
      ...(body['OS-DCF:diskConfig'] !== undefined ? { diskConfig: body['OS-DCF:diskConfig'] } : {}),
    });
    return this.get(caller, id);
  }

  /** DELETE /servers/{id}: 204 at once; the guest goes in the background. */
  async delete(caller: AuthContext, id: string): Promise<void> {
    const server = await this.access.writable(caller, id);
    if (server.locked && !isAdmin(caller)) {
      throw new InstanceIsLocked(id);
    }
    if (server.taskState === TaskState.DELETING) {
      return;
    }
    if (!(await this.repo.update(id, { taskState: TaskState.DELETING }))) {
      return;
    }
    const action = await this.actions.start(id, 'delete', { userId: caller.userId, projectId: server.projectId });
    const deleting = { ...server, taskState: TaskState.DELETING };
    if (!server.host) {
      await this.cleanup.finishDelete(deleting);
      return;
    }
    this.ops.delete(deleting, action);
  }

  /**
   * `addresses` as the network service has them now (floating IPs come and go without
   * compute), for the servers that have ports. When it cannot be reached, the addresses
   * recorded at create stand (Nova's info cache).
   */
  private async refreshAddresses(servers: ServerEntity[]): Promise<void> {
    const network = this.network;
    const wired = servers.filter((s) => s.networkMode !== 'none');
    if (!network || wired.length === 0) {
      return;
    }
    try {
      const found = await network.addresses(wired.map((s) => s.id));
      for (const s of wired) {
        const list = found.get(s.id);
        if (list) {
          s.addresses = addressesJsonOf(list);
        }
      }
    } catch {
      // the cached addresses stand
    }
  }

  /** host_status of each host, for admins' views at 2.16. */
  async hostStatuses(): Promise<(host: string | null) => HostStatus> {
    const hosts = await this.agents.hosts();
    const byName = new Map(hosts.map((h) => [h.node.host, h]));
    return (host) => {
      if (!host) {
        return '';
      }
      const h = byName.get(host);
      if (!h) {
        return 'UNKNOWN';
      }
      if (!h.isUp) {
        return 'DOWN';
      }
      return h.service.disabled ? 'MAINTENANCE' : 'UP';
    };
  }

  async withExtras(servers: ServerEntity[]): Promise<ServerRecord[]> {
    const ids = servers.map((s) => s.id);
    const [metadata, tags] = await Promise.all([this.repo.metadataOf(ids), this.repo.tagsOf(ids), this.refreshAddresses(servers)]);
    return servers.map((server) => ({
      server,
      extras: { metadata: metadata.get(server.id) ?? {}, tags: tags.get(server.id) ?? [] },
    }));
  }
}
