/**
 * The data the {@link HypervisorDriver} speaks: what a guest should be (GuestSpec), what it
 * is (GuestInfo), what the host offers. Plain data, no behaviour; shared by every driver.
 */

/** A guest's id: the server's UUID, which is also the libvirt domain UUID. */
export type GuestId = string;

/**
 * Nova's power states (nova/compute/power_state.py), as the hypervisor reports them.
 * `suspended` is a guest whose memory was saved to disk (libvirt managed save).
 */
export const POWER_STATES = [
  'nostate',
  'running',
  'paused',
  'shutdown',
  'crashed',
  'suspended',
] as const;
export type PowerState = (typeof POWER_STATES)[number];

/** Disk formats a base image may have. Anything else is refused. */
export type DiskFormat = 'raw' | 'qcow2';

/** libvirt domain type: `kvm` with /dev/kvm, `qemu` (TCG) without, `test` for test:///default. */
export type DomainType = 'kvm' | 'qemu' | 'test';

/** One way a guest NIC is plugged on the host. Names come from agent config, never from users. */
export type VifSpec =
  | { readonly type: 'network'; readonly network: string; readonly mac: string }
  | { readonly type: 'bridge'; readonly bridge: string; readonly mac: string; readonly dev?: string }
  | { readonly type: 'user'; readonly mac: string };

/** A checksum the base image must match, as the image service recorded it. */
export interface ImageChecksum {
  readonly algorithm: 'md5' | 'sha256' | 'sha512';
  readonly value: string;
}

/** What the config drive carries (OpenStack config drive layout, read by cloud-init). */
export interface ConfigDriveData {
  /** Instance UUID (meta_data.json `uuid`). */
  readonly uuid: string;
  /** Server name (meta_data.json `name`). */
  readonly name: string;
  /** Guest hostname; derived from the name when absent. */
  readonly hostname?: string;
  readonly availabilityZone?: string;
  readonly projectId?: string;
  readonly launchIndex?: number;
  /** Server metadata (key/value strings). */
  readonly metadata: Readonly<Record<string, string>>;
  /** Keypair name → OpenSSH public key. */
  readonly publicKeys: Readonly<Record<string, string>>;
  /** Raw user_data bytes (already base64-decoded), if any. */
  readonly userData?: Uint8Array;
  /** Extra JSON documents written beside meta_data.json (e.g. network_data.json). */
  readonly extraJson?: Readonly<Partial<Record<'network_data' | 'vendor_data', unknown>>>;
}

/** Everything needed to create a guest. The driver derives every host path itself. */
export interface GuestSpec {
  readonly id: GuestId;
  /** Display name, user input: only ever stored as escaped XML text and config-drive JSON. */
  readonly name: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
  /** Root disk size; 0 = the image's own size (Nova's root_gb = 0). */
  readonly rootDiskGiB: number;
  /** The base image, by image-service id; the driver fetches it into its cache. */
  readonly image: { readonly id: string; readonly checksums?: readonly ImageChecksum[] };
  /** Attach a config drive with this content (omit: no config drive). */
  readonly configDrive?: ConfigDriveData;
  /** Server metadata, recorded in the domain's metadata for operators. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Flavor name and image name, for the domain metadata only. */
  readonly flavorName?: string;
  readonly vifs?: readonly VifSpec[];
  /** Start the guest after defining it (default true). */
  readonly powerOn?: boolean;
}

/** What the hypervisor says about one guest right now. */
export interface GuestInfo {
  readonly id: GuestId;
  /** Display name recorded at spawn (from the domain metadata); '' when unknown. */
  readonly name: string;
  readonly powerState: PowerState;
  /** The hypervisor's own state word and reason, for logs and operators (e.g. `shutoff/saved`). */
  readonly hypervisorState: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
  /** CPU time used, in nanoseconds. */
  readonly cpuTimeNs: number;
}

/** What this host can do: data, not code paths (STYLE 5). */
export interface HostCapabilities {
  readonly domainType: DomainType;
  /** Nova's hypervisor_type: `QEMU` for both kvm and qemu domains, `test` for the test driver. */
  readonly hypervisorType: string;
  /** Hypervisor version as major * 1,000,000 + minor * 1,000 + release (Nova's hypervisor_version). */
  readonly hypervisorVersion: number;
  readonly libvirtVersion: number;
  readonly cpuArch: string;
  readonly hostname: string;
  readonly liveMigration: boolean;
  /** `suspend` keeps guest memory on disk (managed save) rather than in host RAM. */
  readonly suspendToDisk: boolean;
}

/** Totals of the host (the scheduler does the accounting). */
export interface HostResources {
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly localDiskGiB: number;
  readonly freeDiskGiB: number;
  readonly cpuModel: string;
}

/** A power-state change the hypervisor noticed on its own (guest shut down, crashed, ...). */
export interface GuestEvent {
  readonly id: GuestId;
  readonly powerState: PowerState;
  /** What happened, e.g. `stopped/shutdown`, `started/booted`, `rebooted`. */
  readonly event: string;
}

/** A snapshot of a guest's root disk as a byte stream. */
export interface DiskSnapshot {
  readonly format: DiskFormat;
  readonly size: number;
  readonly stream: NodeJS.ReadableStream;
}
