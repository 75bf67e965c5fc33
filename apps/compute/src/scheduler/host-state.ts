/** One host as the scheduler weighs it: capacity (from the agent) and usage (from compute's servers). */
export interface HostState {
  readonly host: string;
  readonly node: string;
  readonly isUp: boolean;
  readonly disabled: boolean;
  readonly availabilityZone: string;
  readonly vcpus: number;
  readonly memoryMb: number;
  readonly localGb: number;
  readonly usedVcpus: number;
  readonly usedMemoryMb: number;
  readonly usedDiskGb: number;
  readonly instances: number;
}

/** What one server needs from a host. */
export interface RequestSpec {
  readonly vcpus: number;
  readonly memoryMb: number;
  /** Root + ephemeral + swap, in GiB. */
  readonly diskGb: number;
  readonly availabilityZone?: string | undefined;
  /** 2.74: an admin asked for this host and/or hypervisor hostname. */
  readonly requestedHost?: string | undefined;
  readonly requestedNode?: string | undefined;
  /** Hosts already tried for this build (retries). */
  readonly ignoreHosts?: readonly string[] | undefined;
}

/** Nova's allocation ratios (cpu 16, ram 1.5, disk 1.0 by default). */
export interface AllocationRatios {
  readonly cpu: number;
  readonly ram: number;
  readonly disk: number;
}

export const freeRamMb = (h: HostState, r: AllocationRatios): number => h.memoryMb * r.ram - h.usedMemoryMb;
export const freeVcpus = (h: HostState, r: AllocationRatios): number => h.vcpus * r.cpu - h.usedVcpus;
export const freeDiskGb = (h: HostState, r: AllocationRatios): number => h.localGb * r.disk - h.usedDiskGb;

/** The host after placing `spec` on it (claims within one scheduling pass). */
export function consume(h: HostState, spec: RequestSpec): HostState {
  return {
    ...h,
    usedVcpus: h.usedVcpus + spec.vcpus,
    usedMemoryMb: h.usedMemoryMb + spec.memoryMb,
    usedDiskGb: h.usedDiskGb + spec.diskGb,
    instances: h.instances + 1,
  };
}
