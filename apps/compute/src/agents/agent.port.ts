import type { ServerPort } from '../networking/network.port.js';
import type { PowerState } from '../servers/server-state.js';

/** One address of a guest (Nova's `addresses` entries). */
export interface GuestAddress {
  readonly network: string;
  readonly addr: string;
  readonly version: 4 | 6;
  readonly macAddr: string;
}

/** A guest as an agent sees it. */
export interface AgentGuest {
  readonly serverId: string;
  readonly powerState: PowerState;
  /** Empty when not known yet. */
  readonly addresses: readonly GuestAddress[];
}

/** A guest disk copy as a byte stream. */
export interface DiskSnapshot {
  /** qcow2 or raw. */
  readonly diskFormat: string;
  /** Bytes, or -1 when unknown. */
  readonly size: number;
  readonly chunks: AsyncIterable<Uint8Array>;
}

/** Everything an agent needs to build a guest: the server, its flavor and boot data. */
export interface SpawnRequest {
  readonly serverId: string;
  readonly name: string;
  readonly hostname: string;
  readonly projectId: string;
  readonly userId: string;
  readonly vcpus: number;
  readonly memoryMb: number;
  readonly rootGb: number;
  readonly ephemeralGb: number;
  readonly swapMb: number;
  readonly flavorName: string;
  readonly imageId: string;
  /** 'auto': the host's default network; 'none': no NIC. */
  readonly networkMode: 'auto' | 'none';
  readonly metadata: Readonly<Record<string, string>>;
  readonly keyName: string | null;
  readonly publicKey: string | null;
  /** Base64, as given at create. */
  readonly userData: string | null;
  readonly availabilityZone: string;
  readonly launchIndex: number;
  /** Ports from the network service, bound to the host; when any, they replace networkMode. */
  readonly ports: readonly ServerPort[];
}

/**
 * What compute asks of the agent running one host (the compute side of the agent contract,
 * proto/tinystack/agent/v1). Every call is idempotent on the agent: asking for the state a
 * guest is in already succeeds. Errors are DomainErrors; `unavailable` means the agent could
 * not be reached (safe to retry), `not_found` that the guest does not exist.
 */
export interface HypervisorAgent {
  /** Build and start the guest; resolves once the hypervisor runs it. Leaves nothing behind on failure. */
  spawn(req: SpawnRequest, signal?: AbortSignal): Promise<AgentGuest>;
  /** Power off and remove the guest and its disks; succeeds when it does not exist. */
  destroy(serverId: string): Promise<void>;
  start(serverId: string): Promise<AgentGuest>;
  stop(serverId: string): Promise<AgentGuest>;
  reboot(serverId: string, hard: boolean): Promise<AgentGuest>;
  pause(serverId: string): Promise<AgentGuest>;
  unpause(serverId: string): Promise<AgentGuest>;
  suspend(serverId: string): Promise<AgentGuest>;
  resume(serverId: string): Promise<AgentGuest>;
  /** Plug a port into the guest (live and in its definition); idempotent for the same MAC. */
  attachInterface(serverId: string, port: ServerPort): Promise<void>;
  /** Unplug the guest's NIC with this MAC; succeeds when it is not there. */
  detachInterface(serverId: string, portId: string, macAddress: string): Promise<void>;
  /** The last `lines` lines of the serial console (all when undefined). */
  consoleOutput(serverId: string, lines: number | undefined): Promise<string>;
  /**
   * A flattened copy of the guest's root disk, streamed (a running guest is paused while its
   * disk is read). Compute streams it on into the image service.
   */
  snapshot(serverId: string, signal?: AbortSignal): Promise<DiskSnapshot>;
  /** Every guest of this agent now. */
  listGuests(): Promise<AgentGuest[]>;
}

/** Where compute finds the agent of a host (by the gRPC address it registered). */
export interface AgentConnector {
  agentAt(grpcUrl: string): HypervisorAgent;
  close?(): Promise<void>;
}

/** Nest injection token of the {@link AgentConnector}. */
export const AGENT_CONNECTOR = Symbol('AGENT_CONNECTOR');
