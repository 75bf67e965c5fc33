import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ServiceTokenProvider } from '@tinystack/auth';
import { computeV1 } from '@tinystack/contracts';
import { createServiceClient, type Client, type TinystackCallOptions } from '@tinystack/grpc';
import type { GuestEvent, GuestInfo, HypervisorDriver } from '@tinystack/hypervisor';
import { loggerFor } from '@tinystack/logging';
import { AGENT_CONFIG, advertiseUrlOf, type ComputeAgentConfig } from '../config.js';
import { protoPowerState } from '../guests/guest.mapper.js';
import { HYPERVISOR_DRIVER } from '../hypervisor/hypervisor.tokens.js';
import { HostInfoService } from './host-info.service.js';

export type ComputeClient = Client<typeof computeV1.ComputeServiceDefinition, TinystackCallOptions>;

/** Nest injection token of the compute gRPC client. */
export const COMPUTE_CLIENT = Symbol('COMPUTE_CLIENT');

export function createComputeClient(address: string): ComputeClient {
  return createServiceClient(computeV1.ComputeServiceDefinition, address).client;
}

const MAX_BACKOFF_MS = 30_000;

function guestState(g: GuestInfo): computeV1.GuestState {
  return { serverId: g.id, powerState: protoPowerState(g.powerState), addresses: [] };
}

/**
 * The agent's side of compute's contract (Nova's compute manager periodic tasks): register
 * the host with its resources and guests, heartbeat with the power state of every guest, report
 * changes libvirt tells us about at once, and destroy the guests compute says are deleted.
 * Compute being down never stops the agent: it retries with backoff and registers again.
 */
@Injectable()
export class ComputeReporter implements OnApplicationShutdown {
  private readonly log = loggerFor('ComputeReporter');
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private registered = false;
  private intervalMs: number;
  private failures = 0;
  private unwatch: (() => void) | undefined;
  /** Resolves after each completed sync (tests wait on it). */
  lastSync: Promise<void> = Promise.resolve();

  constructor(
    @Inject(COMPUTE_CLIENT) private readonly compute: ComputeClient,
    @Inject(ServiceTokenProvider)
    private readonly tokens: Pick<ServiceTokenProvider, 'token' | 'invalidate'>,
    @Inject(HYPERVISOR_DRIVER) private readonly driver: HypervisorDriver,
    @Inject(HostInfoService) private readonly host: HostInfoService,
    @Inject(AGENT_CONFIG) private readonly config: ComputeAgentConfig,
  ) {
    this.intervalMs = config.COMPUTE_AGENT_HEARTBEAT_INTERVAL;
  }

  get isRegistered(): boolean {
    return this.registered;
  }

  /** Start registering and heartbeating in the background; `grpcPort` is the port we listen on. */
  start(grpcPort: number): void {
    this.unwatch = this.driver.watch((e) => void this.report(e));
    this.schedule(0, grpcPort);
  }

  private schedule(delayMs: number, grpcPort: number): void {
    if (this.stopped) {
      return;
    }
    this.timer = setTimeout(() => {
      this.lastSync = this.tick(grpcPort).then((ok) => {
        this.failures = ok ? 0 : this.failures + 1;
        const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(this.failures, 5));
        this.schedule(ok ? this.intervalMs : backoff, grpcPort);
      });
    }, delayMs);
    this.timer.unref();
  }

  private async tick(grpcPort: number): Promise<boolean> {
    try {
      if (!this.registered) {
        await this.register(grpcPort);
      } else {
        await this.heartbeat();
      }
      return true;
    } catch (err) {
      this.log.warn(
        { err: (err as Error).message, computeUrl: this.config.COMPUTE_GRPC_URL },
        'compute unreachable; will retry',
      );
      if ((err as { kind?: string }).kind === 'unauthorized') {
        this.tokens.invalidate();
      }
      return false;
    }
  }

  private async register(grpcPort: number): Promise<void> {
    const [{ hypervisor, resources }, guests] = await Promise.all([
      this.host.computeHypervisor(),
      this.driver.listGuests(),
    ]);
    const res = await this.compute.registerAgent(
      {
        host: this.host.host,
        grpcUrl: advertiseUrlOf(this.config, grpcPort),
        hypervisor,
        resources,
        guests: guests.map(guestState),
      },
      { token: await this.tokens.token() },
    );
    this.registered = true;
    if (res.heartbeatIntervalMs > 0) {
      this.intervalMs = res.heartbeatIntervalMs;
    }
    this.log.info(
      {
        host: this.host.host,
        nodeId: res.nodeId,
        guests: guests.length,
        intervalMs: this.intervalMs,
      },
      'registered with compute',
    );
    await this.destroyDeleted(res.destroyServerIds, guests);
  }

  private async heartbeat(): Promise<void> {
    const [resources, guests] = await Promise.all([
      this.host.computeResources(),
      this.driver.listGuests(),
    ]);
    const res = await this.compute.heartbeat(
      { host: this.host.host, resources, guests: guests.map(guestState) },
      { token: await this.tokens.token() },
    );
    if (!res.known) {
      this.log.warn({ host: this.host.host }, 'compute does not know this host; registering again');
      this.registered = false;
      return;
    }
    await this.destroyDeleted(res.destroyServerIds, guests);
  }

  /** Guests of servers compute deleted while we could not hear about it. */
  private async destroyDeleted(
    ids: readonly string[],
    guests: readonly GuestInfo[],
  ): Promise<void> {
    const here = new Set(guests.map((g) => g.id));
    for (const id of ids.filter((i) => here.has(i))) {
      try {
        await this.driver.destroy(id, { keepDisks: false });
        this.log.info({ serverId: id }, 'destroyed the guest of a deleted server');
      } catch (err) {
        this.log.warn({ serverId: id, err }, 'could not destroy the guest of a deleted server');
      }
    }
  }

  private async report(e: GuestEvent): Promise<void> {
    if (!this.registered) {
      return;
    }
    try {
      const guest = { serverId: e.id, powerState: protoPowerState(e.powerState), addresses: [] };
      await this.compute.reportServerState(
        { host: this.host.host, guest, event: e.event },
        { token: await this.tokens.token() },
      );
    } catch (err) {
      this.log.warn(
        { serverId: e.id, event: e.event, err: (err as Error).message },
        'could not report a state change (the next heartbeat will)',
      );
    }
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.unwatch?.();
  }
}
