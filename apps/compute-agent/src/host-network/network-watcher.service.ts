import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ServiceTokenProvider } from '@tinystack/auth';
import { networkV1 } from '@tinystack/contracts';
import { createServiceClient, type Channel } from '@tinystack/grpc';
import { loggerFor } from '@tinystack/logging';
import { AGENT_CONFIG, type ComputeAgentConfig } from '../config.js';
import { HostWiring } from './host-wiring.js';
import { agentTagOf } from './names.js';

/**
 * Follows the network service's WatchHostNetwork stream for this host and applies each
 * message with {@link HostWiring}, the newest one winning when several arrive during an
 * apply. Reconnects after a second when the stream breaks; the host keeps its last wiring
 * meanwhile, so running guests stay reachable.
 */
@Injectable()
export class NetworkWatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = loggerFor('NetworkWatcher');
  private readonly abort = new AbortController();
  private channel: Channel | undefined;
  readonly wiring: HostWiring;
  private pending: networkV1.WatchHostNetworkResponse | undefined;
  private applying: Promise<void> | undefined;

  constructor(
    @Inject(AGENT_CONFIG) private readonly config: ComputeAgentConfig,
    @Inject(ServiceTokenProvider) private readonly tokens: ServiceTokenProvider,
  ) {
    this.wiring = new HostWiring(agentTagOf(config.COMPUTE_AGENT_HOST_NAME));
  }

  onApplicationBootstrap(): void {
    const url = this.config.NETWORK_GRPC_URL;
    if (url) {
      void this.follow(url);
    }
  }

  /** Stops following; a change being applied is finished first, so the host is never left half-wired. */
  async onApplicationShutdown(): Promise<void> {
    this.abort.abort();
    this.channel?.close();
    await this.applying;
  }

  private async follow(url: string): Promise<void> {
    const { client, channel } = createServiceClient(networkV1.NetworkServiceDefinition, url, { defaultTimeoutMs: 0 });
    this.channel = channel;
    while (!this.abort.signal.aborted) {
      try {
        const stream = client.watchHostNetwork({ host: this.config.COMPUTE_AGENT_HOST_NAME }, { token: await this.tokens.token(), signal: this.abort.signal });
        for await (const msg of stream) {
          this.enqueue(msg);
        }
      } catch (err) {
        if (!this.abort.signal.aborted) {
          this.log.warn({ err }, 'network watch broke; reconnecting');
        }
      }
      await sleep(1000, undefined, { signal: this.abort.signal }).catch(() => undefined);
    }
  }

  private enqueue(msg: networkV1.WatchHostNetworkResponse): void {
    this.pending = msg;
    this.applying ??= this.drain().finally(() => {
      this.applying = undefined;
    });
  }

  private async drain(): Promise<void> {
    while (this.pending) {
      const msg = this.pending;
      this.pending = undefined;
      try {
        await this.wiring.apply(msg);
      } catch (err) {
        this.log.error({ err }, 'could not apply the host network');
      }
    }
  }
}
