import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The native code under the libvirt driver: @unraid/libvirt (most calls) and our own
 * N-API addon `tinystack_virt` (libs/hypervisor/native/, built by node-gyp when npm installs
 * the workspace) for what @unraid/libvirt lacks: reboot, reset, managed save, undefine with
 * flags, state with reason, capabilities, versions and domain events.
 */

/**
 * @unraid/libvirt's workers keep a raw pointer to a Domain's native half and no reference
 * to the JS object, so V8 may collect the Domain (its finalizer calls virDomainFree) while
 * the call still runs on the thread pool; libvirt then fails with "invalid domain pointer"
 * (seen once in ten concurrent builds, virDomainCreate lasting seconds under KVM). Every
 * Domain handed to such a call stays referenced here until the call settles.
 */
const inFlight = new Map<object, number>();

export async function pinWhile<T>(handles: readonly object[], call: Promise<T>): Promise<T> {
  for (const h of handles) {
    inFlight.set(h, (inFlight.get(h) ?? 0) + 1);
  }
  try {
    return await call;
  } finally {
    for (const h of handles) {
      const n = inFlight.get(h)! - 1;
      if (n === 0) {
        inFlight.delete(h);
      } else {
        inFlight.set(h, n);
      }
    }
  }
}

/** libvirt virDomainState values. */
export const VirState = {
  NOSTATE: 0,
  RUNNING: 1,
  BLOCKED: 2,
  PAUSED: 3,
  SHUTDOWN: 4,
  SHUTOFF: 5,
  CRASHED: 6,
  PMSUSPENDED: 7,
} as const;

/** virDomainEventType values of lifecycle events. */
export const VIR_EVENT_NAMES = [
  'defined',
  'undefined',
  'started',
  'suspended',
  'resumed',
  'stopped',
  'shutdown',
  'pmsuspended',
  'crashed',
] as const;

/** libvirt error numbers we tell apart (virErrorNumber). */
export const VirErr = {
  NO_CONNECT: 5,
  OPERATION_INVALID: 55,
  NO_DOMAIN: 42,
  OPERATION_TIMEOUT: 68,
  SYSTEM_ERROR: 38,
  RPC: 39,
  AUTH_FAILED: 45,
  OPERATION_FAILED: 9,
  NO_SUPPORT: 3,
} as const;

export const VIR_DOMAIN_UNDEFINE_MANAGED_SAVE = 1;
export const VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA = 2;
export const VIR_DOMAIN_UNDEFINE_NVRAM = 4;
export const VIR_DOMAIN_REBOOT_ACPI_POWER_BTN = 1;

export interface NativeEvent {
  readonly kind: 'lifecycle' | 'reboot' | 'closed';
  readonly uuid: string;
  readonly name: string;
  /** lifecycle: virDomainEventType; closed: virConnectCloseReason. */
  readonly event: number;
  readonly detail: number;
}

/** Errors the addon rejects with carry libvirt's error number. */
export interface NativeError extends Error {
  readonly code?: number;
}

/** The addon's VirtConnection (native/connection.h). Every method but the sync ones runs off the main thread. */
export interface VirtConnection {
  open(): Promise<void>;
  close(): Promise<void>;
  isAlive(): boolean;
  getCapabilities(): Promise<string>;
  getVersions(): Promise<{ hypervisor: number; libvirt: number }>;
  domainState(uuid: string): Promise<{ state: number; reason: number } | null>;
  domainReboot(uuid: string, flags?: number): Promise<void>;
  domainReset(uuid: string, flags?: number): Promise<void>;
  domainManagedSave(uuid: string, flags?: number): Promise<void>;
  domainHasManagedSave(uuid: string): Promise<boolean>;
  domainManagedSaveRemove(uuid: string, flags?: number): Promise<void>;
  domainUndefine(uuid: string, flags?: number): Promise<void>;
  domainDestroy(uuid: string, flags?: number): Promise<void>;
  /** Synchronous; true when domain events are supported on this connection. */
  watchEvents(callback: (event: NativeEvent) => void): boolean;
  unwatchEvents(): void;
}

interface AddonModule {
  VirtConnection: new (uri: string) => VirtConnection;
  libvirtVersion: number;
}

/** Where node-gyp puts the addon: libs/hypervisor/build/Release. */
export const ADDON_PATH = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'build',
  'Release',
  'tinystack_virt.node',
);

let addon: AddonModule | undefined;

/** Loads the addon once; a missing build is reported with the command that makes it. */
export function loadAddon(): AddonModule {
  if (addon) {
    return addon;
  }
  if (!existsSync(ADDON_PATH)) {
    throw new Error(
      `The tinystack libvirt addon is not built (${ADDON_PATH}). Build it with ` +
        '`npm run build:native -w @tinystack/hypervisor` (needs libvirt-dev, g++, make, python3).',
    );
  }
  addon = createRequire(import.meta.url)(ADDON_PATH) as AddonModule;
  return addon;
}
