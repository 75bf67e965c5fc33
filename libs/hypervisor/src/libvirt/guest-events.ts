import { loggerFor } from '@tinystack/logging';
import type { GuestEvent } from '../driver/guest.types.js';
import { guestIdOfDomainName } from './domain-config.js';
import type { LibvirtGuest } from './guest.js';
import type { LibvirtHost } from './host.js';
import { VIR_EVENT_NAMES, type NativeEvent } from './native.js';

/**
 * libvirt domain events for our guests, as GuestEvents with the power state read right
 * after the event (Nova's host.py lifecycle event handling). Also lets a soft reboot wait
 * for the guest's reboot event.
 */
export class GuestEvents {
  private readonly log = loggerFor('GuestEvents');
  private readonly listeners = new Set<(event: GuestEvent) => void>();
  private readonly rebootWaiters = new Map<string, Set<() => void>>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: LibvirtHost,
    private readonly guestOf: (id: string) => LibvirtGuest,
    /** Whether the guest is this driver's (another agent may share the libvirt). */
    private readonly isOurs: (id: string) => Promise<boolean>,
  ) {}

  private ensureSubscribed(): void {
    this.unsubscribe ??= this.host.onEvent((e) => this.onNative(e));
  }

  subscribe(listener: (event: GuestEvent) => void): () => void {
    this.ensureSubscribed();
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves true when `id` reports a reboot within `timeoutMs`, false otherwise. */
  waitForReboot(id: string, timeoutMs: number): Promise<boolean> {
    this.ensureSubscribed();
    return new Promise((resolve) => {
      const waiters = this.rebootWaiters.get(id) ?? new Set();
      this.rebootWaiters.set(id, waiters);
      const done = (seen: boolean) => {
        clearTimeout(timer);
        waiters.delete(onReboot);
        if (waiters.size === 0) {
          this.rebootWaiters.delete(id);
        }
        resolve(seen);
      };
      const onReboot = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      waiters.add(onReboot);
    });
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.listeners.clear();
  }

  private onNative(e: NativeEvent): void {
    if (e.kind === 'closed') {
      return;
    }
    const id = guestIdOfDomainName(e.name);
    if (!id || id !== e.uuid) {
      return;
    }
    if (e.kind === 'reboot') {
      this.rebootWaiters.get(id)?.forEach((w) => w());
    }
    const what =
      e.kind === 'reboot' ? 'rebooted' : `${VIR_EVENT_NAMES[e.event] ?? e.event}/${e.detail}`;
    if (this.listeners.size > 0) {
      void this.emit(id, what);
    }
  }

  private async emit(id: string, what: string): Promise<void> {
    try {
      if (!(await this.isOurs(id))) {
        return;
      }
      const s = await this.guestOf(id).stateOrNull();
      const event: GuestEvent = { id, powerState: s?.powerState ?? 'nostate', event: what };
      this.listeners.forEach((l) => l(event));
    } catch (err) {
      this.log.warn({ guestId: id, err }, 'could not read the state after a domain event');
    }
  }
}
