import { setTimeout as sleep } from 'node:timers/promises';
import { guestStateConflict } from '../driver/hypervisor.errors.js';
import type { PowerState } from '../driver/guest.types.js';
import type { LibvirtGuest } from './guest.js';
import { VIR_DOMAIN_REBOOT_ACPI_POWER_BTN, VirState } from './native.js';

/**
 * The power operations as state machines over one LibvirtGuest: what each does from each
 * state, with the idempotency the HypervisorDriver promises (asking for the current state
 * is a no-op) and `conflict` where the transition makes no sense.
 */

const POLL_MS = 200;

/** Waits until the guest's power state satisfies `ok`, up to `timeoutMs`; returns whether it did. */
export async function waitForPowerState(
  guest: LibvirtGuest,
  ok: (s: PowerState) => boolean,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (ok((await guest.state()).powerState)) {
      return true;
    }
    if (Date.now() >= deadline) {
      return false;
    }
    await sleep(Math.min(POLL_MS, Math.max(0, deadline - Date.now())));
  }
}

const isOff = (s: PowerState) => s === 'shutdown' || s === 'suspended' || s === 'nostate';

export async function startGuest(guest: LibvirtGuest): Promise<void> {
  const s = await guest.state();
  switch (s.powerState) {
    case 'running':
      return;
    case 'paused':
      throw guestStateConflict(guest.id, 'start', 'paused (unpause it)');
    case 'crashed':
      await guest.destroy();
      return guest.create();
    case 'shutdown':
      if (s.state === VirState.SHUTDOWN) {
        // still shutting down: let it finish, then start
        await waitForPowerState(guest, isOff, 60_000);
      }
      return guest.create();
    case 'suspended':
    case 'nostate':
      return guest.create();
  }
}

export async function stopGuest(guest: LibvirtGuest, timeoutMs: number): Promise<void> {
  const s = await guest.state();
  if (s.state === VirState.SHUTOFF) {
    return;
  }
  if (s.powerState === 'running' && timeoutMs > 0) {
    await guest.shutdown();
    if (await waitForPowerState(guest, isOff, timeoutMs)) {
      return;
    }
  }
  await guest.destroy().catch(async (err: unknown) => {
    // it may have powered off on its own between the last look and now
    if ((await guest.state()).state !== VirState.SHUTOFF) {
      throw err;
    }
  });
}

/** Hard reboot: reset a running guest, start a stopped one, boot a suspended one afresh. */
export async function hardReboot(guest: LibvirtGuest): Promise<void> {
  const s = await guest.state();
  switch (s.powerState) {
    case 'running':
      return guest.reset();
    case 'paused':
      await guest.reset();
      return guest.unpause();
    case 'suspended':
      await guest.removeManagedSave();
      return guest.create();
    case 'crashed':
    case 'shutdown':
    case 'nostate':
      return startGuest(guest);
  }
}

/**
 * Soft reboot: the ACPI reboot request, then wait for the guest to signal a reboot (libvirt's
 * reboot event, via `rebooted`); a guest that ignores it is reset after `timeoutMs`.
 * Anything but a running guest gets a hard reboot, as in Nova.
 */
export async function softReboot(
  guest: LibvirtGuest,
  timeoutMs: number,
  rebooted: (timeoutMs: number) => Promise<boolean>,
): Promise<'soft' | 'hard'> {
  const s = await guest.state();
  if (s.powerState !== 'running' || timeoutMs <= 0) {
    await hardReboot(guest);
    return 'hard';
  }
  const seen = rebooted(timeoutMs);
  await guest.reboot(VIR_DOMAIN_REBOOT_ACPI_POWER_BTN);
  if (await seen) {
    return 'soft';
  }
  await hardReboot(guest);
  return 'hard';
}

export async function pauseGuest(guest: LibvirtGuest): Promise<void> {
  const s = await guest.state();
  if (s.powerState === 'paused') {
    return;
  }
  if (s.powerState !== 'running') {
    throw guestStateConflict(guest.id, 'pause', s.powerState);
  }
  await guest.pause();
}

export async function unpauseGuest(guest: LibvirtGuest): Promise<void> {
  const s = await guest.state();
  if (s.powerState === 'running') {
    return;
  }
  if (s.powerState !== 'paused') {
    throw guestStateConflict(guest.id, 'unpause', s.powerState);
  }
  await guest.unpause();
}

export async function suspendGuest(guest: LibvirtGuest): Promise<void> {
  const s = await guest.state();
  if (s.powerState === 'suspended') {
    return;
  }
  if (s.powerState !== 'running' && s.powerState !== 'paused') {
    throw guestStateConflict(guest.id, 'suspend', s.powerState);
  }
  await guest.managedSave();
}

export async function resumeGuest(guest: LibvirtGuest): Promise<void> {
  const s = await guest.state();
  if (s.powerState === 'running') {
    return;
  }
  if (s.powerState !== 'suspended') {
    throw guestStateConflict(guest.id, 'resume', s.powerState);
  }
  await guest.create();
}
