import { freeDiskGb, freeRamMb, freeVcpus, type AllocationRatios, type HostState, type RequestSpec } from './host-state.js';

/** A scheduler filter (Nova's BaseHostFilter): true keeps the host. */
export interface HostFilter {
  readonly name: string;
  passes(host: HostState, spec: RequestSpec, ratios: AllocationRatios): boolean;
}

/** The host's service is up and enabled (ComputeFilter). */
export const computeFilter: HostFilter = {
  name: 'ComputeFilter',
  passes: (h) => h.isUp && !h.disabled,
};

/** Not a host this build already failed on (retries). */
export const retryFilter: HostFilter = {
  name: 'RetryFilter',
  passes: (h, spec) => !(spec.ignoreHosts ?? []).includes(h.host),
};

/** The requested availability zone (AvailabilityZoneFilter). */
export const availabilityZoneFilter: HostFilter = {
  name: 'AvailabilityZoneFilter',
  passes: (h, spec) => !spec.availabilityZone || spec.availabilityZone === h.availabilityZone,
};

/** The host and node an admin asked for (2.74's requested destination). */
export const requestedDestinationFilter: HostFilter = {
  name: 'RequestedDestinationFilter',
  passes: (h, spec) => (!spec.requestedHost || spec.requestedHost === h.host) && (!spec.requestedNode || spec.requestedNode === h.node),
};

/** Enough RAM, with the RAM allocation ratio (Nova's RamFilter / placement MEMORY_MB). */
export const ramFilter: HostFilter = {
  name: 'RamFilter',
  passes: (h, spec, r) => freeRamMb(h, r) >= spec.memoryMb,
};

/** Enough vCPUs, with the CPU allocation ratio (CoreFilter / VCPU). */
export const coreFilter: HostFilter = {
  name: 'CoreFilter',
  passes: (h, spec, r) => freeVcpus(h, r) >= spec.vcpus,
};

/** Enough disk, with the disk allocation ratio (DiskFilter / DISK_GB). */
export const diskFilter: HostFilter = {
  name: 'DiskFilter',
  passes: (h, spec, r) => freeDiskGb(h, r) >= spec.diskGb,
};

/** The filters in the order Nova runs them. */
export const DEFAULT_FILTERS: readonly HostFilter[] = [
  computeFilter,
  retryFilter,
  availabilityZoneFilter,
  requestedDestinationFilter,
  ramFilter,
  coreFilter,
  diskFilter,
];

/**
 * The hosts that pass every filter, and for each filter the number of hosts it kept, for
 * the NoValidHost message ("RamFilter returned 0 hosts").
 */
export function filterHosts(
  hosts: readonly HostState[],
  spec: RequestSpec,
  ratios: AllocationRatios,
  filters: readonly HostFilter[] = DEFAULT_FILTERS,
): { hosts: HostState[]; trail: Array<{ filter: string; kept: number }> } {
  let kept = [...hosts];
  const trail: Array<{ filter: string; kept: number }> = [];
  for (const f of filters) {
    kept = kept.filter((h) => f.passes(h, spec, ratios));
    trail.push({ filter: f.name, kept: kept.length });
    if (kept.length === 0) {
      break;
    }
  }
  return { hosts: kept, trail };
}
