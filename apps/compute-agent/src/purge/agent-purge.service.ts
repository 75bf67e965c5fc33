import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { DomainError } from '@tinystack/errors';
import type { HypervisorDriver, ImageSource } from '@tinystack/hypervisor';
import { loggerFor } from '@tinystack/logging';
import type { ClearedWiring, HostWiring } from '../host-network/host-wiring.js';

/** What one purge found of its agent on this host and removed, and what it could not. */
export interface PurgeReport {
  /** Ids of the libvirt domains destroyed and undefined. */
  readonly guests: string[];
  /** The agent's host networking that was there; `busyBridges` stayed. */
  readonly network: ClearedWiring | undefined;
  /** Why a step failed; empty when everything of the agent is gone. */
  readonly failures: string[];
  /** Steps that could not run but leave nothing behind (libvirt not reachable: no guest to run). */
  readonly warnings: string[];
}

/** The purge asks the driver for no image: it only lists and destroys guests. */
export const NO_IMAGES: ImageSource = {
  open: () => Promise.reject(new DomainError('internal', 'the purge fetches no images')),
};

/**
 * Removes everything one compute agent made on this host, with the agent stopped: its
 * libvirt domains (only those whose owner metadata names this agent's state directory, as
 * `listGuests()` returns them, so another cloud's guests on the same libvirt are never
 * touched), powered off and undefined with their files; then its host networking, also what
 * an earlier run left ({@link HostWiring.clear}). Idempotent: with nothing left it removes
 * nothing and succeeds. Guests go first, so their taps leave the bridges that then go too.
 */
export class AgentPurge {
  private readonly log = loggerFor('AgentPurge');

  constructor(
    private readonly driver: HypervisorDriver,
    private readonly wiring: HostWiring,
  ) {}

  async run(): Promise<PurgeReport> {
    const failures: string[] = [];
    const warnings: string[] = [];
    const guests = await this.removeGuests(failures, warnings);
    let network: ClearedWiring | undefined;
    try {
      network = await this.wiring.clear();
      if (network.busyBridges.length > 0) {
        failures.push(`bridges still in use: ${network.busyBridges.join(', ')}`);
      }
    } catch (err) {
      failures.push(`host networking: ${(err as Error).message}`);
    }
    await this.driver.close().catch(() => undefined);
    return { guests, network, failures, warnings };
  }

  private async removeGuests(failures: string[], warnings: string[]): Promise<string[]> {
    let ids: string[];
    try {
      ids = (await this.driver.listGuests()).map((g) => g.id);
    } catch (err) {
      const msg = (err as Error).message;
      if ((err as { kind?: string }).kind === 'unavailable') {
        // libvirt down: it runs no guest of ours (qemu runs only what libvirt started)
        warnings.push(`libvirt not reachable, no guest checked: ${msg}`);
      } else {
        failures.push(`listing guests: ${msg}`);
      }
      return [];
    }
    const removed: string[] = [];
    for (const id of ids) {
      try {
        await this.driver.destroy(id, { keepDisks: false });
        removed.push(id);
      } catch (err) {
        this.log.warn({ err, guestId: id }, 'guest not removed');
        failures.push(`guest ${id}: ${(err as Error).message}`);
      }
    }
    return removed;
  }
}

/** The report as lines for people (`tinystack reset` shows them). */
export function purgeLines(r: PurgeReport): string[] {
  const n = r.network;
  return [
    ...r.guests.map((id) => `removed guest ${id}`),
    ...(n?.namespaces ?? []).map((ns) => `removed router namespace ${ns}`),
    ...(n?.rules ?? []).map((rule) => `removed ip rule ${rule} and its table`),
    ...(n?.chains ?? []).map((c) => `removed iptables chain ${c}`),
    ...(n?.bridges ?? []).map((b) => `removed bridge ${b}`),
    ...r.warnings.map((w) => `warning: ${w}`),
    ...r.failures.map((f) => `left: ${f}`),
  ];
}

/**
 * The outermost directory of `path` that does not exist yet (the driver creates its state
 * directory when it connects; a purge after the data directory went removes it again).
 */
export function firstMissingDir(path: string): string | undefined {
  let missing: string | undefined;
  for (let cur = path; !existsSync(cur); cur = dirname(cur)) {
    missing = cur;
    if (dirname(cur) === cur) {
      break;
    }
  }
  return missing;
}
