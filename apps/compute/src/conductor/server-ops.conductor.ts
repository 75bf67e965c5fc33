import { Inject, Injectable } from '@nestjs/common';
import { conflict } from '@tinystack/errors';
import { loggerFor, runWithContext } from '@tinystack/logging';
import type { AgentGuest, HypervisorAgent } from '../agents/agent.port.js';
import { IMAGE_GATEWAY, type ImageGateway, type ImageInfo, type SnapshotImage } from '../images/image.port.js';
import type { ActionHandle } from '../instance-actions/instance-actions.service.js';
import { InstanceActionsService } from '../instance-actions/instance-actions.service.js';
import { addressesJson } from '../servers/addresses.js';
import { ACTION_RULES, PowerState, TaskState, type PowerAction } from '../servers/server-state.js';
import type { ServerEntity } from '../servers/server.entity.js';
import { ServersRepository } from '../servers/servers.repository.js';
import { COMPUTE_CONFIG, type ComputeConfig } from '../config.js';
import { AgentLookup } from './agent-lookup.service.js';
import { BackgroundTasks } from './background-tasks.js';
import { ServerCleanup } from './server-cleanup.service.js';

const CALLS: Readonly<Record<PowerAction, (agent: HypervisorAgent, id: string) => Promise<AgentGuest>>> = {
  start: (a, id) => a.start(id),
  stop: (a, id) => a.stop(id),
  reboot: (a, id) => a.reboot(id, false),
  reboot_hard: (a, id) => a.reboot(id, true),
  pause: (a, id) => a.pause(id),
  unpause: (a, id) => a.unpause(id),
  suspend: (a, id) => a.suspend(id),
  resume: (a, id) => a.resume(id),
};

/**
 * The conductor's side of server actions: the API has set the task state and answered 202;
 * here the host's agent does the work and the server reaches the action's final state, or
 * its task state is cleared when the agent failed (Nova's reverts_task_state).
 */
@Injectable()
export class ServerOpsConductor {
  private readonly log = loggerFor('ServerOpsConductor');

  constructor(
    @Inject(ServersRepository) private readonly servers: ServersRepository,
    @Inject(AgentLookup) private readonly agents: AgentLookup,
    @Inject(InstanceActionsService) private readonly actions: InstanceActionsService,
    @Inject(ServerCleanup) private readonly cleanup: ServerCleanup,
    @Inject(BackgroundTasks) private readonly tasks: BackgroundTasks,
    @Inject(IMAGE_GATEWAY) private readonly images: ImageGateway,
    @Inject(COMPUTE_CONFIG) private readonly config: ComputeConfig,
  ) {}

  private background(name: string, action: ActionHandle, work: () => Promise<void>): void {
    this.tasks.run(name, () => runWithContext({ requestId: action.requestId }, work));
  }

  power(server: ServerEntity, kind: PowerAction, action: ActionHandle): void {
    this.background(`${kind} ${server.id}`, action, () => this.runPower(server, kind, action));
  }

  async runPower(server: ServerEntity, kind: PowerAction, action: ActionHandle): Promise<void> {
    const rule = ACTION_RULES[kind];
    const host = server.host ?? '';
    try {
      const guest = await this.actions.event(action, rule.event, host, async () => CALLS[kind](await this.agents.forHost(host), server.id));
      const done = rule.done;
      const power = guest.powerState === PowerState.NOSTATE ? done?.powerState : guest.powerState;
      await this.servers.update(
        server.id,
        {
          taskState: null,
          ...(done ? { vmState: done.vmState } : {}),
          ...(power !== undefined ? { powerState: power } : {}),
          ...(guest.addresses.length > 0 ? { addresses: addressesJson(guest.addresses) } : {}),
        },
        { taskStates: [rule.task] },
      );
    } catch (err) {
      this.log.warn({ err, serverId: server.id, kind }, 'server action failed');
      await this.servers.update(server.id, { taskState: null }, { taskStates: [rule.task] });
    }
  }

  delete(server: ServerEntity, action: ActionHandle): void {
    this.background(`delete ${server.id}`, action, () => this.cleanup.delete(server, action));
  }

  /**
   * createImage: the agent streams a copy of the root disk and compute streams it on into a
   * new image of the caller's project (with the caller's token); resolves with the image once
   * it is active. The server's task state shows the progress and is cleared at the end.
   */
  async snapshot(server: ServerEntity, image: Omit<SnapshotImage, 'diskFormat' | 'size'>, token: string, action: ActionHandle): Promise<ImageInfo> {
    const host = server.host ?? '';
    try {
      return await this.actions.event(action, 'compute_snapshot_instance', host, async () => {
        const agent = await this.agents.forHost(host);
        const signal = AbortSignal.timeout(this.config.COMPUTE_BUILD_TIMEOUT);
        const disk = await agent.snapshot(server.id, signal);
        await this.servers.update(server.id, { taskState: TaskState.IMAGE_UPLOADING }, { taskStates: [TaskState.IMAGE_SNAPSHOT] });
        return this.images.createSnapshot(token, { ...image, diskFormat: disk.diskFormat, size: disk.size }, disk.chunks, signal);
      });
    } finally {
      await this.servers.update(server.id, { taskState: null }, { taskStates: [TaskState.IMAGE_SNAPSHOT, TaskState.IMAGE_UPLOADING] });
    }
  }

  /** The guest's console (os-getConsoleOutput), read on its host now. */
  async consoleOutput(server: ServerEntity, lines: number | undefined): Promise<string> {
    if (!server.host) {
      throw conflict(`Instance ${server.id} has not been scheduled to a host yet.`);
    }
    const agent = await this.agents.forHost(server.host);
    return agent.consoleOutput(server.id, lines);
  }
}
