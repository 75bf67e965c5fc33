import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { loggerFor } from '@tinystack/logging';
import { hostname } from 'node:os';
import { AgentsService } from '../agents/agents.service.js';
import { COMPUTE_CONFIG, type ComputeConfig } from '../config.js';
import { InstanceActionsRepository } from '../instance-actions/instance-actions.repository.js';
import { InstanceActionsService, type ActionHandle } from '../instance-actions/instance-actions.service.js';
import { TaskState, VmState } from '../servers/server-state.js';
import type { ServerEntity } from '../servers/server.entity.js';
import { ServersRepository } from '../servers/servers.repository.js';
import { AgentLookup } from './agent-lookup.service.js';
import { BackgroundTasks } from './background-tasks.js';
import { BuildConductor } from './build.conductor.js';
import { PowerSyncService } from './power-sync.service.js';
import { ServerCleanup } from './server-cleanup.service.js';

/**
 * What compute does when it starts (Nova's _init_instance, done here for every host):
 * builds that were scheduling start over, builds that were spawning are checked on their
 * host (a guest already there makes the server ACTIVE), deletes are finished, and other
 * interrupted tasks are cleared so the next heartbeat's power sync sets the real state.
 * Also keeps this process's nova-scheduler and nova-conductor services up in os-services.
 */
@Injectable()
export class RecoveryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = loggerFor('RecoveryService');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(ServersRepository) private readonly servers: ServersRepository,
    @Inject(AgentsService) private readonly agentsService: AgentsService,
    @Inject(AgentLookup) private readonly agents: AgentLookup,
    @Inject(BuildConductor) private readonly builds: BuildConductor,
    @Inject(ServerCleanup) private readonly cleanup: ServerCleanup,
    @Inject(PowerSyncService) private readonly sync: PowerSyncService,
    @Inject(InstanceActionsService) private readonly actions: InstanceActionsService,
    @Inject(InstanceActionsRepository) private readonly actionRows: InstanceActionsRepository,
    @Inject(BackgroundTasks) private readonly tasks: BackgroundTasks,
    @Inject(COMPUTE_CONFIG) private readonly config: ComputeConfig,
  ) {}

  onApplicationBootstrap(): void {
    const host = hostname();
    const touch = () => this.tasks.run('service heartbeat', () => this.agentsService.touchLocal(host));
    touch();
    this.timer = setInterval(touch, this.config.COMPUTE_HEARTBEAT_INTERVAL);
    this.timer.unref();
    this.tasks.run('recovery', () => this.recover());
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async recover(): Promise<void> {
    const inFlight = await this.servers.inFlight();
    if (inFlight.length > 0) {
      this.log.info({ servers: inFlight.length }, 'resuming interrupted work');
    }
    for (const server of inFlight) {
      try {
        await this.resume(server);
      } catch (err) {
        this.log.warn({ err, serverId: server.id }, 'could not resume interrupted work');
      }
    }
  }

  private async resume(server: ServerEntity): Promise<void> {
    if (server.taskState === TaskState.DELETING) {
      await this.cleanup.delete(server, await this.handleFor(server, 'delete'));
      return;
    }
    if (server.vmState === VmState.BUILDING) {
      await this.resumeBuild(server);
      return;
    }
    await this.servers.update(server.id, { taskState: null }, { taskStates: [server.taskState] });
    if (server.host) {
      const agent = await this.agents.forHost(server.host);
      await this.sync.syncHost(server.host, await agent.listGuests());
    }
  }

  private async resumeBuild(server: ServerEntity): Promise<void> {
    const action = await this.handleFor(server, 'create');
    if (server.host) {
      const guests = await (await this.agents.forHost(server.host)).listGuests().catch(() => []);
      const guest = guests.find((g) => g.serverId === server.id);
      if (guest) {
        await this.servers.update(
          server.id,
          { vmState: VmState.ACTIVE, taskState: null, powerState: guest.powerState, launchedAt: Date.now(), progress: 100 },
          { vmStates: [VmState.BUILDING], host: server.host },
        );
        return;
      }
      await this.servers.update(server.id, { host: null, node: null, taskState: TaskState.SCHEDULING }, { vmStates: [VmState.BUILDING] });
    }
    this.builds.dispatch([{ serverId: server.id, action }]);
  }

  /** The server's latest action of this kind, or a new one on behalf of its owner. */
  private async handleFor(server: ServerEntity, kind: string): Promise<ActionHandle> {
    const latest = await this.actionRows.actions.findOne({ where: { serverId: server.id, action: kind }, order: { id: 'DESC' } });
    if (latest) {
      return { actionId: latest.id, requestId: latest.requestId };
    }
    return this.actions.start(server.id, kind, { userId: server.userId, projectId: server.projectId });
  }
}
