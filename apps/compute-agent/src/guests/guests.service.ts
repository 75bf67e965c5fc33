import { Inject, Injectable } from '@nestjs/common';
import { agentV1 } from '@tinystack/contracts';
import { badRequest } from '@tinystack/errors';
import type { DiskFormat, GuestInfo, HypervisorDriver } from '@tinystack/hypervisor';
import { loggerFor } from '@tinystack/logging';
import { AGENT_CONFIG, type ComputeAgentConfig } from '../config.js';
import { HYPERVISOR_DRIVER } from '../hypervisor/hypervisor.tokens.js';
import { ensureBridge } from '../host-network/bridges.js';
import { attachInterface, detachInterface } from '../host-network/interfaces.js';
import { bridgeOf } from '../host-network/names.js';
import { guestSpecOf, protoGuest } from './guest.mapper.js';

const CHUNK_BYTES = 1024 * 1024;
const CONSOLE_MAX_BYTES = 1024 * 1024;

/** What compute asks of this host, carried out on the hypervisor driver. */
@Injectable()
export class GuestsService {
  private readonly log = loggerFor('GuestsService');

  constructor(
    @Inject(HYPERVISOR_DRIVER) private readonly driver: HypervisorDriver,
    @Inject(AGENT_CONFIG) private readonly config: ComputeAgentConfig,
  ) {}

  async spawn(req: agentV1.SpawnServerRequest, signal?: AbortSignal): Promise<agentV1.Guest> {
    const t0 = Date.now();
    for (const p of req.ports) {
      await ensureBridge(bridgeOf(p.networkId), p.mtu || 1500);
    }
    const info = await this.driver.spawn(
      guestSpecOf(req, this.config.COMPUTE_AGENT_NETWORK),
      signal,
    );
    this.log.info(
      { serverId: req.serverId, imageId: req.imageId, ms: Date.now() - t0 },
      'server spawned',
    );
    return protoGuest(info);
  }

  async attachInterface(serverId: string, port: agentV1.NetworkPort): Promise<void> {
    await this.driver.getInfo(serverId);
    await attachInterface(this.config.LIBVIRT_URI, serverId, port);
    this.log.info({ serverId, portId: port.portId }, 'interface attached');
  }

  async detachInterface(serverId: string, macAddress: string): Promise<void> {
    await this.driver.getInfo(serverId);
    await detachInterface(this.config.LIBVIRT_URI, serverId, macAddress);
    this.log.info({ serverId, macAddress }, 'interface detached');
  }

  async destroy(serverId: string, keepDisks: boolean): Promise<void> {
    await this.driver.destroy(serverId, { keepDisks });
    this.log.info({ serverId, keepDisks }, 'server destroyed');
  }

  private async after(serverId: string, op: Promise<void>): Promise<agentV1.Guest> {
    await op;
    return protoGuest(await this.driver.getInfo(serverId));
  }

  start(serverId: string): Promise<agentV1.Guest> {
    return this.after(serverId, this.driver.start(serverId));
  }

  stop(serverId: string, timeoutMs: number): Promise<agentV1.Guest> {
    const timeout =
      timeoutMs === 0 ? this.config.COMPUTE_AGENT_SHUTDOWN_TIMEOUT : Math.max(0, timeoutMs);
    return this.after(serverId, this.driver.stop(serverId, { timeoutMs: timeout }));
  }

  reboot(serverId: string, hard: boolean, timeoutMs: number): Promise<agentV1.Guest> {
    const timeout = timeoutMs > 0 ? timeoutMs : this.config.COMPUTE_AGENT_REBOOT_TIMEOUT;
    return this.after(serverId, this.driver.reboot(serverId, { hard, timeoutMs: timeout }));
  }

  pause(serverId: string): Promise<agentV1.Guest> {
    return this.after(serverId, this.driver.pause(serverId));
  }

  unpause(serverId: string): Promise<agentV1.Guest> {
    return this.after(serverId, this.driver.unpause(serverId));
  }

  suspend(serverId: string): Promise<agentV1.Guest> {
    return this.after(serverId, this.driver.suspend(serverId));
  }

  resume(serverId: string): Promise<agentV1.Guest> {
    return this.after(serverId, this.driver.resume(serverId));
  }

  /** The console tail; `not_found` for a server this host does not run. */
  async consoleOutput(serverId: string, lines: number): Promise<string> {
    await this.driver.getInfo(serverId);
    return this.driver.readConsole(serverId, {
      maxBytes: CONSOLE_MAX_BYTES,
      ...(lines > 0 ? { tailLines: lines } : {}),
    });
  }

  /** The snapshot as agent messages: the info, then chunks of at most 1 MiB. */
  async *snapshot(
    serverId: string,
    format: string,
    signal: AbortSignal,
  ): AsyncGenerator<agentV1.SnapshotServerResponse> {
    const diskFormat = parseFormat(format);
    const snap = await this.driver.snapshot(serverId, { format: diskFormat });
    const stream = snap.stream as NodeJS.ReadableStream & { destroy(): void };
    signal.addEventListener('abort', () => stream.destroy());
    yield { info: { diskFormat: snap.format, size: snap.size } };
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      for (let at = 0; at < chunk.length; at += CHUNK_BYTES) {
        yield { chunk: chunk.subarray(at, at + CHUNK_BYTES) };
      }
    }
  }

  async list(): Promise<agentV1.Guest[]> {
    return (await this.driver.listGuests()).map(protoGuest);
  }

  listInfo(): Promise<GuestInfo[]> {
    return this.driver.listGuests();
  }
}

function parseFormat(format: string): DiskFormat {
  if (format === '' || format === 'qcow2') {
    return 'qcow2';
  }
  if (format === 'raw') {
    return 'raw';
  }
  throw badRequest(`Snapshot disk format ${format} is not supported (qcow2 or raw).`);
}
