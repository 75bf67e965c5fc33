import { Inject, Injectable } from '@nestjs/common';
import { isAdmin, type AuthContext } from '@tinystack/auth';
import { badRequest, notFound } from '@tinystack/errors';
import { AgentLookup } from '../conductor/agent-lookup.service.js';
import { InstanceActionsService } from '../instance-actions/instance-actions.service.js';
import { DEFAULT_AZ } from '../scheduler/scheduler.service.js';
import { ServerAccess } from '../servers/server-access.service.js';
import { VmState } from '../servers/server-state.js';
import type { ServerEntity } from '../servers/server.entity.js';
import { ServersRepository } from '../servers/servers.repository.js';
import { InstanceInvalidState, InstanceIsLocked } from '../shared/compute.errors.js';
import { NETWORK_GATEWAY, type NetworkGateway, type ServerPort } from './network.port.js';
import { addressesJsonOf, novaErrorOfNetwork } from './server-networks.js';

/** vm_states in which a guest exists on its host and can take or lose a NIC. */
const PLUGGABLE = new Set<string>([VmState.ACTIVE, VmState.STOPPED, VmState.PAUSED, VmState.SUSPENDED]);

/** What POST /servers/{id}/os-interface asks for. */
export interface AttachRequest {
  readonly netId?: string | undefined;
  readonly portId?: string | undefined;
  readonly fixedIp?: string | undefined;
}

/** Nova's os-interface: the server's ports listed, one more plugged in, one unplugged. */
@Injectable()
export class ServerInterfacesService {
  constructor(
    @Inject(ServerAccess) private readonly access: ServerAccess,
    @Inject(ServersRepository) private readonly repo: ServersRepository,
    @Inject(AgentLookup) private readonly agents: AgentLookup,
    @Inject(InstanceActionsService) private readonly actions: InstanceActionsService,
    @Inject(NETWORK_GATEWAY) private readonly network: NetworkGateway | null,
  ) {}

  async list(caller: AuthContext, id: string): Promise<ServerPort[]> {
    await this.access.readable(caller, id);
    return this.gateway().list(id);
  }

  async get(caller: AuthContext, id: string, portId: string): Promise<ServerPort> {
    const found = (await this.list(caller, id)).find((p) => p.portId === portId);
    if (!found) {
      throw notFound(`Port ${portId} is not attached to instance ${id}.`);
    }
    return found;
  }

  /** Allocates the port with the caller's rights, binds it to the server's host and plugs it in; undone on failure. */
  async attach(caller: AuthContext, token: string, id: string, req: AttachRequest): Promise<ServerPort> {
    const network = this.gateway();
    const server = await this.pluggable(caller, id);
    if ((req.netId === undefined) === (req.portId === undefined)) {
      throw badRequest('Must input network_id or port_id, but not both.');
    }
    const request = req.portId !== undefined ? { portId: req.portId } : { networkId: req.netId, ...(req.fixedIp ? { fixedIp: req.fixedIp } : {}) };
    let port: ServerPort | undefined;
    try {
      [port] = await network.allocate(token, id, server.availabilityZone ?? DEFAULT_AZ, { kind: 'ports', requests: [request] });
    } catch (err) {
      throw novaErrorOfNetwork(err);
    }
    if (!port) {
      throw badRequest('The network service made no port.');
    }
    const host = server.host as string;
    try {
      await network.bind(id, host);
      await (await this.agents.forHost(host)).attachInterface(id, port);
    } catch (err) {
      await network.release(id, port.portId).catch(() => undefined);
      throw err;
    }
    await this.actions.start(id, 'attach_interface', { userId: caller.userId, projectId: server.projectId });
    await this.refreshAddresses(id);
    return port;
  }

  async detach(caller: AuthContext, id: string, portId: string): Promise<void> {
    const network = this.gateway();
    const server = await this.pluggable(caller, id);
    const port = (await network.list(id)).find((p) => p.portId === portId);
    if (!port) {
      throw notFound(`Port ${portId} is not attached to instance ${id}.`);
    }
    await (await this.agents.forHost(server.host as string)).detachInterface(id, port.portId, port.macAddress);
    await network.release(id, port.portId);
    await this.actions.start(id, 'detach_interface', { userId: caller.userId, projectId: server.projectId });
    await this.refreshAddresses(id);
  }

  private gateway(): NetworkGateway {
    if (!this.network) {
      throw badRequest('Network interfaces need the network service (NETWORK_GRPC_URL).');
    }
    return this.network;
  }

  /** A server on a host, not building or being deleted, and not locked (except for admins). */
  private async pluggable(caller: AuthContext, id: string): Promise<ServerEntity> {
    const server = await this.access.writable(caller, id);
    if (server.locked && !isAdmin(caller)) {
      throw new InstanceIsLocked(id);
    }
    if (!server.host || server.taskState !== null || !PLUGGABLE.has(server.vmState)) {
      throw new InstanceInvalidState(`Cannot 'attach_interface' instance ${id} while it is in vm_state ${server.vmState}`);
    }
    return server;
  }

  private async refreshAddresses(id: string): Promise<void> {
    const found = await this.gateway().addresses([id]);
    await this.repo.update(id, { addresses: addressesJsonOf(found.get(id) ?? []) });
  }
}
