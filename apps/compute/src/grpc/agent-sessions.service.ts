import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '@tinystack/auth';
import { badRequest } from '@tinystack/errors';
import { loggerFor } from '@tinystack/logging';
import type { AgentGuest } from '../agents/agent.port.js';
import type { NodeRegistration } from '../agents/agents.repository.js';
import { AgentsService } from '../agents/agents.service.js';
import { PowerSyncService } from '../conductor/power-sync.service.js';
import { requireAdmin } from '../shared/policy.js';

/** The agents' side of the compute contract: registration, heartbeats and state reports. */
@Injectable()
export class AgentSessionsService {
  private readonly log = loggerFor('AgentSessionsService');

  constructor(
    @Inject(AgentsService) private readonly agents: AgentsService,
    @Inject(PowerSyncService) private readonly sync: PowerSyncService,
  ) {}

  async register(caller: AuthContext, reg: NodeRegistration, guests: AgentGuest[]) {
    requireAdmin(caller, 'compute agents');
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/.test(reg.host)) {
      throw badRequest(`Invalid host name ${JSON.stringify(reg.host.slice(0, 64))}`);
    }
    if (!/^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/.test(reg.grpcUrl)) {
      throw badRequest('grpc_url must be host:port');
    }
    const node = await this.agents.register(reg);
    const destroy = await this.sync.syncHost(reg.host, guests);
    this.log.info({ host: reg.host, grpcUrl: reg.grpcUrl, guests: guests.length, destroy: destroy.length }, 'agent registered');
    return { nodeId: node.uuid, heartbeatIntervalMs: this.agents.heartbeatIntervalMs, destroyServerIds: destroy };
  }

  async heartbeat(caller: AuthContext, host: string, resources: Pick<NodeRegistration, 'vcpus' | 'memoryMb' | 'localGb' | 'freeDiskGb'>, guests: AgentGuest[]) {
    requireAdmin(caller, 'compute agents');
    if (!(await this.agents.heartbeat(host, resources))) {
      return { known: false, destroyServerIds: [] };
    }
    return { known: true, destroyServerIds: await this.sync.syncHost(host, guests) };
  }

  async report(caller: AuthContext, host: string, guest: AgentGuest, event: string): Promise<void> {
    requireAdmin(caller, 'compute agents');
    this.log.info({ host, serverId: guest.serverId, power: guest.powerState, event }, 'guest state reported');
    await this.sync.syncGuest(host, guest);
  }
}
