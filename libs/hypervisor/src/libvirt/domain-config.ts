import type { DomainType, GuestSpec } from '../driver/guest.types.js';
import { hypervisorFailure } from '../driver/hypervisor.errors.js';
import type { DiskDevice, DomainConfig, InstanceMetadata } from './domain-xml.js';
import { interfaceOf } from './vif.js';

/** Our domains are named `instance-<uuid>`; others on the host are not ours. */
export const DOMAIN_NAME_PREFIX = 'instance-';
const OUR_NAME = /^instance-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function domainNameOf(id: string): string {
  return `${DOMAIN_NAME_PREFIX}${id}`;
}

/** The guest id of one of our domains, or undefined for a domain we did not create. */
export function guestIdOfDomainName(name: string): string | undefined {
  return OUR_NAME.exec(name)?.[1];
}

/** How many metadata items, and how long, reach the domain XML (the API enforces its own limits). */
const MAX_ITEMS = 128;
const MAX_LEN = 255;

export interface GuestPaths {
  readonly rootDisk: string;
  readonly configDrive: string | undefined;
  readonly consoleLog: string;
}

/** `default`: the hypervisor's default CPU model (works on nested KVM where host-passthrough does not). */
export type CpuMode = 'default' | 'host-model' | 'host-passthrough';

export interface HostPlacement {
  readonly domainType: DomainType;
  readonly dacLabel: string | undefined;
  readonly cpuMode?: CpuMode;
  readonly arch?: 'x86_64' | 'i686';
  /** Recorded in the domain: which driver (state directory) made it. */
  readonly owner?: string;
}

/**
 * The domain for a spec: machine `pc` (SeaBIOS, IDE for the config drive), the root disk as
 * virtio `vda`, the config drive as an IDE cdrom `hdd` (as Nova does on x86), the serial
 * console logged by virtlogd, no graphics or balloon; under KVM the configured CPU mode.
 */
export function domainConfigOf(
  spec: GuestSpec,
  paths: GuestPaths,
  host: HostPlacement,
  now = new Date(),
): DomainConfig {
  const kvmCpu = host.domainType === 'kvm' && host.cpuMode && host.cpuMode !== 'default';
  return {
    type: host.domainType,
    name: domainNameOf(spec.id),
    uuid: spec.id,
    memoryMiB: spec.memoryMiB,
    vcpus: spec.vcpus,
    arch: host.arch ?? 'x86_64',
    machine: 'pc',
    ...(kvmCpu ? { cpuMode: host.cpuMode } : {}),
    disks: disksOf(paths),
    interfaces: (spec.vifs ?? []).map(interfaceOf),
    consoleLog: paths.consoleLog,
    ...(host.dacLabel ? { dacLabel: host.dacLabel } : {}),
    metadata: metadataOf(spec, host.owner ?? '', now),
  };
}

function disksOf(paths: GuestPaths): DiskDevice[] {
  const disks: DiskDevice[] = [
    { device: 'disk', format: 'qcow2', source: paths.rootDisk, target: 'vda', bus: 'virtio' },
  ];
  if (paths.configDrive) {
    disks.push({
      device: 'cdrom',
      format: 'raw',
      source: paths.configDrive,
      target: 'hdd',
      bus: 'ide',
      readonly: true,
    });
  }
  return disks;
}

function metadataOf(spec: GuestSpec, owner: string, now: Date): InstanceMetadata {
  const properties = Object.fromEntries(
    Object.entries(spec.metadata ?? {})
      .slice(0, MAX_ITEMS)
      .map(([k, v]) => [k.slice(0, MAX_LEN), v.slice(0, MAX_LEN)]),
  );
  return {
    name: spec.name,
    owner,
    createdAt: now.toISOString(),
    flavor: {
      name: spec.flavorName ?? '',
      vcpus: spec.vcpus,
      memoryMiB: spec.memoryMiB,
      rootDiskGiB: spec.rootDiskGiB,
    },
    imageId: spec.image.id,
    properties,
  };
}

/** The domain type for the configured virt type, from what libvirt offers. */
export function pickDomainType(
  wanted: 'auto' | 'kvm' | 'qemu',
  offered: readonly string[],
  uri: string,
): DomainType {
  if (wanted !== 'auto') {
    if (!offered.includes(wanted)) {
      throw hypervisorFailure(
        `Domain type ${wanted} is not offered by ${uri} (it offers: ${offered.join(', ') || 'none'}).`,
      );
    }
    return wanted;
  }
  const found = (['kvm', 'qemu', 'test'] as const).find((t) => offered.includes(t));
  if (!found) {
    throw hypervisorFailure(`${uri} offers no usable domain type for x86_64 hvm guests.`);
  }
  return found;
}
