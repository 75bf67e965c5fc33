import type { GuestSpec, VifSpec } from './guest.types.js';
import { invalidGuestSpec } from './hypervisor.errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;
const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** True for a lower-case canonical UUID, the only form a guest or image id may take. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Throws bad_request unless `id` is a canonical lower-case UUID (ids become file names). */
export function assertUuid(id: string, what = 'guest id'): void {
  if (!isUuid(id)) {
    throw invalidGuestSpec(
      `Invalid ${what} ${JSON.stringify(id.slice(0, 64))}: expected a lower-case UUID.`,
    );
  }
}

function assertRange(value: number, what: string, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalidGuestSpec(`${what} must be an integer from ${min} to ${max}, not ${value}.`);
  }
}

function assertVif(vif: VifSpec): void {
  if (!MAC.test(vif.mac)) {
    throw invalidGuestSpec(`Invalid MAC address ${JSON.stringify(vif.mac)}.`);
  }
  const name = vif.type === 'network' ? vif.network : vif.type === 'bridge' ? vif.bridge : 'user';
  if (!HOST_NAME.test(name)) {
    throw invalidGuestSpec(`Invalid ${vif.type} name ${JSON.stringify(name)}.`);
  }
  if (vif.type === 'bridge' && vif.dev !== undefined && !/^[a-zA-Z0-9_-]{1,15}$/.test(vif.dev)) {
    throw invalidGuestSpec(`Invalid tap device name ${JSON.stringify(vif.dev)}.`);
  }
}

/** Checks a spec before anything is created. Limits are generous sanity bounds, not quotas. */
export function validateGuestSpec(spec: GuestSpec): void {
  assertUuid(spec.id);
  assertUuid(spec.image.id, 'image id');
  assertRange(spec.vcpus, 'vcpus', 1, 256);
  assertRange(spec.memoryMiB, 'memoryMiB', 16, 4 * 1024 * 1024);
  assertRange(spec.rootDiskGiB, 'rootDiskGiB', 0, 64 * 1024);
  if (spec.name.length > 255) {
    throw invalidGuestSpec('Server name is longer than 255 characters.');
  }
  for (const c of spec.image.checksums ?? []) {
    if (!/^[0-9a-f]{32,128}$/.test(c.value)) {
      throw invalidGuestSpec(`Invalid ${c.algorithm} checksum.`);
    }
  }
  if (spec.configDrive && spec.configDrive.uuid !== spec.id) {
    throw invalidGuestSpec('The config drive uuid must be the guest id.');
  }
  spec.vifs?.forEach(assertVif);
}
