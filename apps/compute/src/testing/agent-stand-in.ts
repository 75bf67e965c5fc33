import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { computeV1 } from '@tinystack/contracts';
import { DomainError } from '@tinystack/errors';
import { createServiceClient, type Channel, type Client, type TinystackCallOptions } from '@tinystack/grpc';
import type { ServerPort } from '../networking/network.port.js';
import type { AgentConnector, AgentGuest, DiskSnapshot, HypervisorAgent, SpawnRequest } from '../agents/agent.port.js';
import { PowerState } from '../servers/server-state.js';

/** One guest of the stand-in. */
export interface FakeGuest {
  request: SpawnRequest;
  power: PowerState;
  console: string;
  /** MACs of the NICs plugged after spawn (os-interface). */
  attached?: string[];
}

/**
 * A stand-in for one compute agent: guests are records, not libvirt domains (apps/compute may
 * not depend on libs/hypervisor, and an app cannot start another app). Power actions change
 * their state; the console holds a boot line. The medium tests serve it over the real agent
 * contract (agent-grpc-server.ts) or hand it to compute in process (StandInConnector); it
 * registers and heartbeats over compute's real gRPC contract. The whole-cloud e2e suite runs
 * the real agent with real guests.
 */
export class AgentStandIn implements HypervisorAgent {
  readonly guests = new Map<string, FakeGuest>();
  /** Make the next spawns fail with this error (retries, NoValidHost after attempts). */
  failSpawns: DomainError | undefined;
  /** Delay each spawn by this many ms. */
  spawnDelayMs = 0;
  readonly calls: string[] = [];
  /** Served over gRPC: every call fails UNAVAILABLE while true (an agent that is down). */
  unreachable = false;
  /** No automatic heartbeats while true (a host that went silent). */
  silent = false;
  /** Where compute reaches this agent (set to the gRPC server's address when served). */
  grpcUrl: string;
  private client: Client<typeof computeV1.ComputeServiceDefinition, TinystackCallOptions> | undefined;
  private channel: Channel | undefined;
  private clientAddress = '';

  constructor(
    readonly host: string,
    readonly resources: { vcpus: number; memoryMb: number; localGb: number } = { vcpus: 8, memoryMb: 16384, localGb: 200 },
  ) {
    this.grpcUrl = `${host}.agent.test:50055`;
  }

  private guest(id: string): FakeGuest {
    const g = this.guests.get(id);
    if (!g) {
      throw new DomainError('not_found', `No guest ${id}`);
    }
    return g;
  }

  private state(id: string): AgentGuest {
    const g = this.guest(id);
    return {
      serverId: id,
      powerState: g.power,
      addresses: g.request.networkMode === 'none' ? [] : [{ network: 'private', addr: '10.0.0.5', version: 4, macAddr: 'fa:16:3e:00:00:01' }],
    };
  }

  async spawn(req: SpawnRequest, signal?: AbortSignal): Promise<AgentGuest> {
    this.calls.push(`spawn ${req.serverId}`);
    if (this.spawnDelayMs > 0) {
      await new Promise((r) => setTimeout(r, this.spawnDelayMs));
    }
    signal?.throwIfAborted();
    if (this.failSpawns) {
      throw this.failSpawns;
    }
    this.guests.set(req.serverId, { request: req, power: PowerState.RUNNING, console: `tinystack test guest ${req.hostname} booted\nlogin: \n` });
    return this.state(req.serverId);
  }

  destroy(id: string): Promise<void> {
    this.calls.push(`destroy ${id}`);
    this.guests.delete(id);
    return Promise.resolve();
  }

  private set(id: string, call: string, power: PowerState): Promise<AgentGuest> {
    this.calls.push(`${call} ${id}`);
    return new Promise((resolve) => {
      this.guest(id).power = power;
      resolve(this.state(id));
    });
  }

  start = (id: string) => this.set(id, 'start', PowerState.RUNNING);
  stop = (id: string) => this.set(id, 'stop', PowerState.SHUTDOWN);
  reboot = (id: string, hard: boolean) => this.set(id, hard ? 'reboot_hard' : 'reboot', PowerState.RUNNING);
  pause = (id: string) => this.set(id, 'pause', PowerState.PAUSED);
  unpause = (id: string) => this.set(id, 'unpause', PowerState.RUNNING);
  suspend = (id: string) => this.set(id, 'suspend', PowerState.SHUTDOWN);
  resume = (id: string) => this.set(id, 'resume', PowerState.RUNNING);

  attachInterface(id: string, port: ServerPort): Promise<void> {
    this.calls.push(`attach ${id} ${port.portId}`);
    const g = this.guest(id);
    g.attached = [...new Set([...(g.attached ?? []), port.macAddress])];
    return Promise.resolve();
  }

  detachInterface(id: string, portId: string, mac: string): Promise<void> {
    this.calls.push(`detach ${id} ${portId}`);
    const g = this.guest(id);
    g.attached = (g.attached ?? []).filter((m) => m !== mac);
    return Promise.resolve();
  }

  consoleOutput(id: string, lines: number | undefined): Promise<string> {
    return new Promise((resolve) => {
      const all = this.guest(id).console.split('\n');
      resolve((lines === undefined ? all : all.slice(-lines - 1)).join('\n'));
    });
  }

  snapshot(id: string): Promise<DiskSnapshot> {
    return new Promise((resolve) => {
      this.guest(id);
      const bytes = randomBytes(3 * 1024 * 1024 + 17);
      const parts: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += 512 * 1024) {
        parts.push(bytes.subarray(i, i + 512 * 1024));
      }
      resolve({ diskFormat: 'qcow2', size: bytes.length, chunks: Readable.from(parts) });
    });
  }

  listGuests(): Promise<AgentGuest[]> {
    return Promise.resolve([...this.guests.keys()].map((id) => this.state(id)));
  }

  /** A guest powering itself off (or dying), as libvirt would report it. */
  powerOffBehindComputesBack(id: string): void {
    this.guest(id).power = PowerState.SHUTDOWN;
  }

  private compute(grpcAddress: string) {
    if (!this.client || this.clientAddress !== grpcAddress) {
      this.channel?.close();
      ({ client: this.client, channel: this.channel } = createServiceClient(computeV1.ComputeServiceDefinition, grpcAddress));
      this.clientAddress = grpcAddress;
    }
    return this.client;
  }

  private async guestStates(): Promise<computeV1.GuestState[]> {
    return (await this.listGuests()).map((g) => ({
      serverId: g.serverId,
      powerState: g.powerState,
      addresses: g.addresses.map((a) => ({ ...a })),
    }));
  }

  /** RegisterAgent on compute's gRPC server with a service token; destroys what compute says to. */
  async register(grpcAddress: string, token: string): Promise<computeV1.RegisterAgentResponse> {
    const res = await this.compute(grpcAddress).registerAgent(
      {
        host: this.host,
        grpcUrl: this.grpcUrl,
        hypervisor: { type: 'QEMU', version: 8002000, hostname: this.host, hostIp: '127.0.0.1', cpuInfoJson: '{"arch":"x86_64"}' },
        resources: { vcpus: this.resources.vcpus, memoryMb: this.resources.memoryMb, localGb: this.resources.localGb, freeDiskGb: this.resources.localGb },
        guests: await this.guestStates(),
      },
      { token },
    );
    res.destroyServerIds.forEach((id) => this.guests.delete(id));
    return res;
  }

  async heartbeat(grpcAddress: string, token: string): Promise<computeV1.HeartbeatResponse> {
    const res = await this.compute(grpcAddress).heartbeat(
      {
        host: this.host,
        resources: { vcpus: this.resources.vcpus, memoryMb: this.resources.memoryMb, localGb: this.resources.localGb, freeDiskGb: this.resources.localGb },
        guests: await this.guestStates(),
      },
      { token },
    );
    res.destroyServerIds.forEach((id) => this.guests.delete(id));
    return res;
  }

  close(): void {
    this.channel?.close();
    this.client = undefined;
  }
}

/** Reaches the stand-ins by the address they registered. */
export class StandInConnector implements AgentConnector {
  readonly agents = new Map<string, AgentStandIn>();

  add(agent: AgentStandIn): AgentStandIn {
    this.agents.set(agent.grpcUrl, agent);
    return agent;
  }

  agentAt(grpcUrl: string): HypervisorAgent {
    const agent = this.agents.get(grpcUrl);
    if (!agent || agent.unreachable) {
      const fail = () => Promise.reject(new DomainError('unavailable', `agent at ${grpcUrl} is unreachable`));
      return { spawn: fail, destroy: fail, start: fail, stop: fail, reboot: fail, pause: fail, unpause: fail, suspend: fail, resume: fail, consoleOutput: fail, snapshot: fail, listGuests: fail, attachInterface: fail, detachInterface: fail };
    }
    return agent;
  }
}
