import type { ServiceTokenProvider } from '@tinystack/auth';
import { agentV1 } from '@tinystack/contracts';
import { DomainError } from '@tinystack/errors';
import { createServiceClient, type Channel, type Client, type TinystackCallOptions } from '@tinystack/grpc';
import type { ComputeConfig } from '../config.js';
import { PowerState } from '../servers/server-state.js';
import type { ServerPort } from '../networking/network.port.js';
import type { AgentConnector, AgentGuest, DiskSnapshot, HypervisorAgent, SpawnRequest } from './agent.port.js';

type AgentClient = Client<typeof agentV1.AgentServiceDefinition, TinystackCallOptions>;

const POWER = new Set<number>(Object.values(PowerState));

export function guestOf(g: agentV1.Guest | undefined, serverId: string): AgentGuest {
  if (!g) {
    return { serverId, powerState: PowerState.NOSTATE, addresses: [] };
  }
  return {
    serverId: g.serverId || serverId,
    powerState: (POWER.has(g.powerState) ? g.powerState : PowerState.NOSTATE) as PowerState,
    addresses: g.addresses.map((a) => ({ network: a.network, addr: a.addr, version: a.version === 6 ? 6 : 4, macAddr: a.macAddr })),
  };
}

/** A port as the agent contract carries it. */
export function agentPortOf(p: ServerPort): agentV1.NetworkPort {
  return {
    portId: p.portId,
    networkId: p.networkId,
    macAddress: p.macAddress,
    mtu: p.mtu,
    addresses: p.addresses.map((a) => ({ ipAddress: a.ipAddress, cidr: a.cidr, gatewayIp: a.gatewayIp, dnsNameservers: [...a.dnsNameservers] })),
  };
}

export function spawnRequestOf(req: SpawnRequest): agentV1.SpawnServerRequest {
  return {
    serverId: req.serverId,
    name: req.name,
    hostname: req.hostname,
    projectId: req.projectId,
    userId: req.userId,
    flavor: {
      name: req.flavorName,
      vcpus: req.vcpus,
      memoryMb: req.memoryMb,
      rootGb: req.rootGb,
      ephemeralGb: req.ephemeralGb,
      swapMb: req.swapMb,
    },
    imageId: req.imageId,
    // empty: the agent checks the bytes against the image service's own checksums
    imageChecksum: '',
    imageOsHashAlgo: '',
    imageOsHashValue: '',
    metadata: { ...req.metadata },
    keyName: req.keyName ?? '',
    publicKey: req.publicKey ?? '',
    userData: req.userData ? new Uint8Array(Buffer.from(req.userData, 'base64')) : new Uint8Array(),
    availabilityZone: req.availabilityZone,
    launchIndex: req.launchIndex,
    networkMode: req.networkMode === 'none' ? agentV1.NetworkMode.NETWORK_MODE_NONE : agentV1.NetworkMode.NETWORK_MODE_AUTO,
    ports: req.ports.map(agentPortOf),
  };
}

/** The rest of a stream after its first message, as bytes. */
async function* chunksAfterInfo(it: AsyncIterator<agentV1.SnapshotServerResponse>): AsyncIterable<Uint8Array> {
  for (;;) {
    const next = await it.next();
    if (next.done) {
      return;
    }
    if (next.value.chunk) {
      yield next.value.chunk;
    }
  }
}

/**
 * One agent over its gRPC contract (tinystack.agent.v1.AgentService), with compute's service
 * token on every call. Quick calls get COMPUTE_AGENT_CALL_TIMEOUT, builds and snapshots
 * COMPUTE_BUILD_TIMEOUT.
 */
export class GrpcAgent implements HypervisorAgent {
  constructor(
    private readonly client: AgentClient,
    private readonly tokens: Pick<ServiceTokenProvider, 'token' | 'invalidate'>,
    private readonly config: Pick<ComputeConfig, 'COMPUTE_AGENT_CALL_TIMEOUT' | 'COMPUTE_BUILD_TIMEOUT'>,
  ) {}

  /** Call options: the service token (renewed once if refused) and a deadline. */
  private async call<T>(fn: (opts: TinystackCallOptions) => Promise<T>, timeoutMs: number): Promise<T> {
    try {
      return await fn({ token: await this.tokens.token(), timeoutMs });
    } catch (err) {
      if (err instanceof DomainError && err.kind === 'unauthorized') {
        this.tokens.invalidate();
        return fn({ token: await this.tokens.token(), timeoutMs });
      }
      throw err;
    }
  }

  private quick<T>(fn: (opts: TinystackCallOptions) => Promise<T>): Promise<T> {
    return this.call(fn, this.config.COMPUTE_AGENT_CALL_TIMEOUT);
  }

  async spawn(req: SpawnRequest, signal?: AbortSignal): Promise<AgentGuest> {
    const res = await this.call((o) => this.client.spawnServer(spawnRequestOf(req), { ...o, ...(signal ? { signal } : {}) }), this.config.COMPUTE_BUILD_TIMEOUT);
    return guestOf(res.guest, req.serverId);
  }

  async destroy(serverId: string): Promise<void> {
    await this.quick((o) => this.client.destroyServer({ serverId, keepDisks: false }, o));
  }

  async start(serverId: string): Promise<AgentGuest> {
    return guestOf((await this.quick((o) => this.client.startServer({ serverId }, o))).guest, serverId);
  }

  async stop(serverId: string): Promise<AgentGuest> {
    return guestOf((await this.quick((o) => this.client.stopServer({ serverId, timeoutMs: 0 }, o))).guest, serverId);
  }

  async reboot(serverId: string, hard: boolean): Promise<AgentGuest> {
    return guestOf((await this.quick((o) => this.client.rebootServer({ serverId, hard, timeoutMs: 0 }, o))).guest, serverId);
  }

  async pause(serverId: string): Promise<AgentGuest> {
    return guestOf((await this.quick((o) => this.client.pauseServer({ serverId }, o))).guest, serverId);
  }

  async unpause(serverId: string): Promise<AgentGuest> {
    return guestOf((await this.quick((o) => this.client.unpauseServer({ serverId }, o))).guest, serverId);
  }

  async suspend(serverId: string): Promise<AgentGuest> {
    return guestOf((await this.quick((o) => this.client.suspendServer({ serverId }, o))).guest, serverId);
  }

  async resume(serverId: string): Promise<AgentGuest> {
    return guestOf((await this.quick((o) => this.client.resumeServer({ serverId }, o))).guest, serverId);
  }

  async attachInterface(serverId: string, port: ServerPort): Promise<void> {
    await this.quick((o) => this.client.attachInterface({ serverId, port: agentPortOf(port) }, o));
  }

  async detachInterface(serverId: string, portId: string, macAddress: string): Promise<void> {
    await this.quick((o) => this.client.detachInterface({ serverId, portId, macAddress }, o));
  }

  async consoleOutput(serverId: string, lines: number | undefined): Promise<string> {
    return (await this.quick((o) => this.client.getConsoleOutput({ serverId, length: lines ?? 0 }, o))).output;
  }

  async snapshot(serverId: string, signal?: AbortSignal): Promise<DiskSnapshot> {
    const token = await this.tokens.token();
    const stream = this.client.snapshotServer({ serverId, diskFormat: 'qcow2' }, { token, ...(signal ? { signal } : {}) });
    const it = stream[Symbol.asyncIterator]();
    const first = await it.next();
    const info = first.done ? undefined : first.value.info;
    if (!info) {
      throw new DomainError('internal', 'The agent sent a snapshot without its info.');
    }
    return { diskFormat: info.diskFormat || 'qcow2', size: info.size, chunks: chunksAfterInfo(it) };
  }

  async listGuests(): Promise<AgentGuest[]> {
    return (await this.quick((o) => this.client.listServers({}, o))).guests.map((g) => guestOf(g, g.serverId));
  }
}

/** Agents over gRPC at the address each registered; one channel per address. */
export class GrpcAgentConnector implements AgentConnector {
  private readonly agents = new Map<string, { agent: GrpcAgent; channel: Channel }>();

  constructor(
    private readonly tokens: Pick<ServiceTokenProvider, 'token' | 'invalidate'>,
    private readonly config: Pick<ComputeConfig, 'COMPUTE_AGENT_CALL_TIMEOUT' | 'COMPUTE_BUILD_TIMEOUT'>,
  ) {}

  agentAt(grpcUrl: string): HypervisorAgent {
    let entry = this.agents.get(grpcUrl);
    if (!entry) {
      const { client, channel } = createServiceClient(agentV1.AgentServiceDefinition, grpcUrl, {
        defaultTimeoutMs: this.config.COMPUTE_AGENT_CALL_TIMEOUT,
      });
      entry = { agent: new GrpcAgent(client, this.tokens, this.config), channel };
      this.agents.set(grpcUrl, entry);
    }
    return entry.agent;
  }

  close(): Promise<void> {
    for (const { channel } of this.agents.values()) {
      channel.close();
    }
    this.agents.clear();
    return Promise.resolve();
  }
}
