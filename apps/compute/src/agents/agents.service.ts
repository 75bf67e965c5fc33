import { Inject, Injectable } from '@nestjs/common';
import { COMPUTE_CONFIG, type ComputeConfig } from '../config.js';
import type { ServiceEntity } from '../services/service.entity.js';
import { AgentsRepository, COMPUTE_BINARY, type NodeRegistration } from './agents.repository.js';
import type { ComputeNodeEntity } from './compute-node.entity.js';

/** A compute node with its service, as the scheduler and the admin APIs see it. */
export interface HostView {
  readonly node: ComputeNodeEntity;
  readonly service: ServiceEntity;
  /** Heartbeat recent and not forced down. */
  readonly isUp: boolean;
}

/** The agents' registrations and liveness (Nova's service group: a DB heartbeat driver). */
@Injectable()
export class AgentsService {
  constructor(
    @Inject(AgentsRepository) private readonly repo: AgentsRepository,
    @Inject(COMPUTE_CONFIG) private readonly config: ComputeConfig,
  ) {}

  get heartbeatIntervalMs(): number {
    return this.config.COMPUTE_HEARTBEAT_INTERVAL;
  }

  register(reg: NodeRegistration): Promise<ComputeNodeEntity> {
    return this.repo.upsertNode(reg, Date.now());
  }

  heartbeat(host: string, resources: Pick<NodeRegistration, 'vcpus' | 'memoryMb' | 'localGb' | 'freeDiskGb'>): Promise<boolean> {
    return this.repo.heartbeat(host, resources, Date.now());
  }

  /** Mark this process's own services (scheduler, conductor) alive. */
  async touchLocal(host: string): Promise<void> {
    const now = Date.now();
    await this.repo.touchService(host, 'nova-scheduler', now);
    await this.repo.touchService(host, 'nova-conductor', now);
  }

  isUp(service: ServiceEntity, now = Date.now()): boolean {
    return !service.forcedDown && service.lastSeenUp !== null && now - service.lastSeenUp <= this.config.COMPUTE_AGENT_DOWN_AFTER;
  }

  /** Every compute node with its service. */
  async hosts(): Promise<HostView[]> {
    const [nodes, services] = await Promise.all([this.repo.listNodes(), this.repo.listServices()]);
    const byId = new Map(services.map((s) => [s.id, s]));
    const now = Date.now();
    const out: HostView[] = [];
    for (const node of nodes) {
      const service = byId.get(node.serviceId);
      if (service && service.binary === COMPUTE_BINARY) {
        out.push({ node, service, isUp: this.isUp(service, now) });
      }
    }
    return out;
  }

  async host(name: string): Promise<HostView | undefined> {
    return (await this.hosts()).find((h) => h.node.host === name);
  }
}
