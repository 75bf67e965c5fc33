import { Inject, Injectable } from '@nestjs/common';
import { loggerFor } from '@tinystack/logging';
import { AgentsService } from '../agents/agents.service.js';
import { COMPUTE_CONFIG, type ComputeConfig } from '../config.js';
import { ServersRepository } from '../servers/servers.repository.js';
import { filterHosts } from './filters.js';
import type { AllocationRatios, HostState, RequestSpec } from './host-state.js';
import { weighByFreeRam } from './weighers.js';

/** The availability zone of every host: tinystack has one, Nova's default. */
export const DEFAULT_AZ = 'nova';

export type Placement = { readonly host: string; readonly node: string } | { readonly noValidHost: string };

/**
 * Nova's filter scheduler with in-database claims: the hosts that pass every filter are
 * weighed by free RAM, and the winner is claimed by setting the server's host while no other
 * placement runs in this process, so concurrent builds see each other's usage.
 */
@Injectable()
export class SchedulerService {
  private readonly log = loggerFor('SchedulerService');
  private readonly ratios: AllocationRatios;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(AgentsService) private readonly agents: AgentsService,
    @Inject(ServersRepository) private readonly servers: ServersRepository,
    @Inject(COMPUTE_CONFIG) config: ComputeConfig,
  ) {
    this.ratios = {
      cpu: config.COMPUTE_CPU_ALLOCATION_RATIO,
      ram: config.COMPUTE_RAM_ALLOCATION_RATIO,
      disk: config.COMPUTE_DISK_ALLOCATION_RATIO,
    };
  }

  /** Every host with its capacity and the usage of compute's live servers on it. */
  async hostStates(): Promise<HostState[]> {
    const [hosts, usage] = await Promise.all([this.agents.hosts(), this.servers.usageByHost()]);
    return hosts.map(({ node, service, isUp }) => {
      const used = usage.get(node.host);
      return {
        host: node.host,
        node: node.hypervisorHostname,
        isUp,
        disabled: service.disabled,
        availabilityZone: DEFAULT_AZ,
        vcpus: node.vcpus,
        memoryMb: node.memoryMb,
        localGb: node.localGb,
        usedVcpus: used?.vcpus ?? 0,
        usedMemoryMb: used?.memoryMb ?? 0,
        usedDiskGb: used?.diskGb ?? 0,
        instances: used?.instances ?? 0,
      };
    });
  }

  /**
   * Choose a host for the server and claim it (server.host, node set while the server is
   * still building). Returns why none fits otherwise.
   */
  place(serverId: string, spec: RequestSpec): Promise<Placement> {
    const run = this.queue.then(() => this.placeNow(serverId, spec));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async placeNow(serverId: string, spec: RequestSpec): Promise<Placement> {
    const hosts = await this.hostStates();
    const { hosts: fit, trail } = filterHosts(hosts, spec, this.ratios);
    const best = weighByFreeRam(fit, this.ratios)[0];
    if (!best) {
      const last = trail[trail.length - 1];
      this.log.info({ serverId, trail }, 'no valid host');
      return {
        noValidHost:
          hosts.length === 0 || !last
            ? 'There are not enough hosts available.'
            : `There are not enough hosts available. (${last.filter} returned 0 hosts)`,
      };
    }
    const claimed = await this.servers.update(
      serverId,
      { host: best.host, node: best.node, availabilityZone: spec.availabilityZone ?? DEFAULT_AZ },
      { vmStates: ['building'], taskStates: ['scheduling'] },
    );
    if (!claimed) {
      return { noValidHost: 'The server is no longer building.' };
    }
    this.log.info({ serverId, host: best.host }, 'server placed');
    return { host: best.host, node: best.node };
  }
}
