import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '@tinystack/auth';
import { AgentsService } from '../agents/agents.service.js';
import { ServersRepository } from '../servers/servers.repository.js';
import { requireAdmin } from '../shared/policy.js';
import type { HypervisorRecord } from './hypervisor.view.js';

/** os-hypervisors (admins): the agents' hosts with compute's accounting of what runs on them. */
@Injectable()
export class HypervisorsService {
  constructor(
    @Inject(AgentsService) private readonly agents: AgentsService,
    @Inject(ServersRepository) private readonly servers: ServersRepository,
  ) {}

  async list(caller: AuthContext, opts: { withServers?: boolean; pattern?: string } = {}): Promise<HypervisorRecord[]> {
    requireAdmin(caller, 'os_compute_api:os-hypervisors:list');
    const [hosts, usage] = await Promise.all([this.agents.hosts(), this.servers.usageByHost()]);
    const matching = opts.pattern === undefined ? hosts : hosts.filter((h) => h.node.hypervisorHostname.includes(opts.pattern ?? ''));
    const out: HypervisorRecord[] = [];
    for (const host of matching) {
      const live = await this.servers.onHost(host.node.host);
      out.push({
        host,
        usage: usage.get(host.node.host),
        busy: live.filter((s) => s.taskState !== null).length,
        ...(opts.withServers ? { servers: live.map((s) => ({ uuid: s.id, name: s.name })) } : {}),
      });
    }
    return out;
  }
}
