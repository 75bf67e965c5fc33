import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@tinystack/errors';
import { loggerFor, runWithContext } from '@tinystack/logging';
import { COMPUTE_CONFIG, type ComputeConfig } from '../config.js';
import type { ActionHandle } from '../instance-actions/instance-actions.service.js';
import { InstanceActionsService } from '../instance-actions/instance-actions.service.js';
import { NETWORK_GATEWAY, type NetworkGateway, type ServerPort } from '../networking/network.port.js';
import { SchedulerService } from '../scheduler/scheduler.service.js';
import { addressesJson } from '../servers/addresses.js';
import { PowerState, TaskState, VmState } from '../servers/server-state.js';
import type { ServerEntity } from '../servers/server.entity.js';
import { ServersRepository } from '../servers/servers.repository.js';
import { AgentLookup, messageOf } from './agent-lookup.service.js';
import { BackgroundTasks } from './background-tasks.js';
import { requestSpecOf, spawnRequestOf } from './spawn-request.js';
import { ServerCleanup } from './server-cleanup.service.js';

/**
 * Nova's conductor build path: schedule, claim, ask the chosen host's agent to spawn, and
 * record the outcome: ACTIVE, or ERROR with a fault. A spawn that fails on one host is retried
 * on another, up to COMPUTE_SCHEDULER_MAX_ATTEMPTS hosts; no host that fits is NoValidHost.
 */
@Injectable()
export class BuildConductor {
  private readonly log = loggerFor('BuildConductor');

  constructor(
    @Inject(SchedulerService) private readonly scheduler: SchedulerService,
    @Inject(ServersRepository) private readonly servers: ServersRepository,
    @Inject(AgentLookup) private readonly agents: AgentLookup,
    @Inject(InstanceActionsService) private readonly actions: InstanceActionsService,
    @Inject(ServerCleanup) private readonly cleanup: ServerCleanup,
    @Inject(BackgroundTasks) private readonly tasks: BackgroundTasks,
    @Inject(COMPUTE_CONFIG) private readonly config: ComputeConfig,
    @Inject(NETWORK_GATEWAY) private readonly network: NetworkGateway | null,
  ) {}

  /** Build these servers in the background; the API has answered already. */
  dispatch(builds: ReadonlyArray<{ readonly serverId: string; readonly action: ActionHandle }>): void {
    for (const b of builds) {
      this.tasks.run(`build ${b.serverId}`, () => runWithContext({ requestId: b.action.requestId }, () => this.build(b.serverId, b.action)));
    }
  }

  /** The whole build of one server; never throws (failures become the server's ERROR state). */
  async build(serverId: string, action: ActionHandle): Promise<void> {
    const tried: string[] = [];
    let lastError = '';
    for (let attempt = 1; attempt <= this.config.COMPUTE_SCHEDULER_MAX_ATTEMPTS; attempt++) {
      const server = await this.servers.findLive(serverId);
      if (!server || server.vmState !== VmState.BUILDING) {
        return;
      }
      if (server.taskState === TaskState.DELETING) {
        await this.cleanup.finishDelete(server);
        return;
      }
      const placement = await this.actions
        .event(action, 'conductor_schedule_and_build_instances', null, () => this.scheduler.place(serverId, requestSpecOf(server, tried)))
        .catch((err: unknown) => ({ noValidHost: messageOf(err) }));
      if ('noValidHost' in placement) {
        const reason =
          attempt === 1
            ? placement.noValidHost
            : `Exceeded maximum number of retries. Exhausted all hosts available for retrying build failures for instance ${serverId}. Last exception: ${lastError}`;
        await this.fail(serverId, `No valid host was found. ${reason}`);
        return;
      }
      tried.push(placement.host);
      const outcome = await this.spawnOn(serverId, placement.host, action);
      if (outcome.done) {
        return;
      }
      lastError = outcome.error;
    }
    await this.fail(
      serverId,
      `No valid host was found. Exceeded max scheduling attempts ${this.config.COMPUTE_SCHEDULER_MAX_ATTEMPTS} for instance ${serverId}. Last exception: ${lastError}`,
    );
  }

  /** Spawn on the claimed host. done: the build ended (ACTIVE, deleted, or a permanent error). */
  private async spawnOn(serverId: string, host: string, action: ActionHandle): Promise<{ done: true } | { done: false; error: string }> {
    const server = await this.servers.findLive(serverId);
    const claimed =
      server &&
      (await this.servers.update(serverId, { taskState: TaskState.SPAWNING }, { vmStates: [VmState.BUILDING], taskStates: [TaskState.SCHEDULING], host }));
    if (!server || !claimed) {
      await this.abandon(serverId, host);
      return { done: true };
    }
    const metadata = (await this.servers.metadataOf([serverId])).get(serverId) ?? {};
    try {
      const agent = await this.agents.forHost(host);
      const ports = await this.bindPorts(server, host);
      const guest = await this.actions.event(action, 'compute__do_build_and_run_instance', host, () =>
        agent.spawn(spawnRequestOf(server, metadata, ports), AbortSignal.timeout(this.config.COMPUTE_BUILD_TIMEOUT)),
      );
      const now = Date.now();
      const active = await this.servers.update(
        serverId,
        {
          vmState: VmState.ACTIVE,
          taskState: null,
          powerState: guest.powerState === PowerState.NOSTATE ? PowerState.RUNNING : guest.powerState,
          launchedAt: now,
          progress: 100,
          ...(guest.addresses.length > 0 ? { addresses: addressesJson(guest.addresses) } : {}),
        },
        { vmStates: [VmState.BUILDING], taskStates: [TaskState.SPAWNING], host },
      );
      if (!active) {
        await this.abandon(serverId, host);
      } else {
        this.log.info({ serverId, host }, 'server active');
      }
      return { done: true };
    } catch (err) {
      return this.spawnFailed(serverId, host, err);
    }
  }

  /** The server's ports, bound to the host that builds it (Nova binds before it plugs); none without a network service. */
  private async bindPorts(server: ServerEntity, host: string): Promise<ServerPort[]> {
    if (!this.network || server.networkMode === 'none') {
      return [];
    }
    return this.network.bind(server.id, host);
  }

  /** A bad request ends the build; any other failure sends it back to the scheduler. */
  private async spawnFailed(serverId: string, host: string, err: unknown): Promise<{ done: true } | { done: false; error: string }> {
    this.log.warn({ err, serverId, host }, 'spawn failed');
    if (err instanceof DomainError && err.kind === 'bad_request') {
      await this.fail(serverId, `Build of instance ${serverId} aborted: ${messageOf(err)}`);
      return { done: true };
    }
    const requeued = await this.servers.update(
      serverId,
      { host: null, node: null, taskState: TaskState.SCHEDULING },
      { vmStates: [VmState.BUILDING], taskStates: [TaskState.SPAWNING], host },
    );
    if (!requeued) {
      await this.abandon(serverId, host);
      return { done: true };
    }
    return { done: false, error: messageOf(err) };
  }

  /** The server changed under the build (deleted meanwhile): remove the guest, finish a pending delete. */
  private async abandon(serverId: string, host: string): Promise<void> {
    await this.cleanup.destroyQuietly(host, serverId);
    const server = await this.servers.findLive(serverId);
    if (server?.taskState === TaskState.DELETING) {
      await this.cleanup.finishDelete(server);
    }
  }

  /** ERROR with Nova's fault (code 500), host released; a pending delete finishes instead. */
  private async fail(serverId: string, message: string): Promise<void> {
    const current = await this.servers.findLive(serverId);
    if (current?.taskState === TaskState.DELETING) {
      await this.cleanup.finishDelete(current);
      return;
    }
    const changes: Partial<ServerEntity> = {
      vmState: VmState.ERROR,
      taskState: null,
      powerState: PowerState.NOSTATE,
      host: null,
      node: null,
      faultCode: 500,
      faultMessage: message,
      faultDetails: message,
      faultCreatedAt: Date.now(),
    };
    if (await this.servers.update(serverId, changes, { vmStates: [VmState.BUILDING], taskStates: [TaskState.SCHEDULING, TaskState.SPAWNING] })) {
      this.log.info({ serverId, message }, 'build failed');
    }
  }
}
