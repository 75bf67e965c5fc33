import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { DiskFormat, DomainType } from '../driver/guest.types.js';
import { renderInterface, type InterfaceDevice } from './vif.js';

/**
 * libvirt domain XML from typed objects (Nova's libvirt/config.py), through an XML builder:
 * every string is escaped by the builder and characters XML cannot carry are dropped, so a
 * server name or metadata value can never add elements or attributes. No templates.
 */

/** Namespace of our `<metadata>` element (libvirt requires one per application). */
export const INSTANCE_XMLNS = 'https://tinystack.dev/xmlns/libvirt/instance/1.0';
const PREFIX = 'tinystack';

export interface DiskDevice {
  readonly device: 'disk' | 'cdrom';
  readonly format: DiskFormat;
  /** Absolute host path, always derived by the driver. */
  readonly source: string;
  readonly target: string;
  readonly bus: 'virtio' | 'ide' | 'sata';
  readonly readonly?: boolean;
}

/** What we record in the domain about the server, for operators and listGuests(). */
export interface InstanceMetadata {
  readonly name: string;
  /** Which driver made the domain (its state directory): agents sharing a libvirt tell theirs apart. */
  readonly owner: string;
  readonly flavor: {
    readonly name: string;
    readonly vcpus: number;
    readonly memoryMiB: number;
    readonly rootDiskGiB: number;
  };
  readonly imageId: string;
  readonly createdAt: string;
  readonly properties: Readonly<Record<string, string>>;
}

export interface DomainConfig {
  readonly type: DomainType;
  readonly name: string;
  readonly uuid: string;
  readonly memoryMiB: number;
  readonly vcpus: number;
  /** x86_64; i686 only for libvirt's test driver, which offers nothing else. */
  readonly arch: 'x86_64' | 'i686';
  /** Machine type, e.g. `pc` (i440fx: IDE for the config drive, fast firmware). */
  readonly machine: string;
  /** CPU model mode; omitted for TCG and the test driver. */
  readonly cpuMode?: 'host-passthrough' | 'host-model';
  readonly disks: readonly DiskDevice[];
  readonly interfaces: readonly InterfaceDevice[];
  /** File the serial console is logged to (by virtlogd); null: no serial console. */
  readonly consoleLog: string | null;
  /** Run QEMU with this static DAC label (`+uid:+gid`) and no relabelling; omit for libvirt's default. */
  readonly dacLabel?: string;
  readonly metadata: InstanceMetadata;
}

function renderMetadata(domain: XMLBuilder, meta: InstanceMetadata): void {
  const ns = INSTANCE_XMLNS;
  const inst = domain.ele('metadata').ele(ns, `${PREFIX}:instance`);
  inst.ele(ns, `${PREFIX}:name`).txt(meta.name);
  inst.ele(ns, `${PREFIX}:owner`).txt(meta.owner);
  inst.ele(ns, `${PREFIX}:creationTime`).txt(meta.createdAt);
  const f = meta.flavor;
  inst.ele(ns, `${PREFIX}:flavor`, {
    name: f.name,
    vcpus: String(f.vcpus),
    memoryMiB: String(f.memoryMiB),
    rootDiskGiB: String(f.rootDiskGiB),
  });
  inst.ele(ns, `${PREFIX}:image`, { id: meta.imageId });
  const props = inst.ele(ns, `${PREFIX}:metadata`);
  for (const [key, value] of Object.entries(meta.properties)) {
    props.ele(ns, `${PREFIX}:item`, { key }).txt(value);
  }
}

function renderOs(domain: XMLBuilder, cfg: DomainConfig): void {
  const os = domain.ele('os');
  os.ele('type', { arch: cfg.arch, machine: cfg.machine }).txt('hvm');
  os.ele('boot', { dev: 'hd' });
  const features = domain.ele('features');
  features.ele('acpi');
  features.ele('apic');
  if (cfg.cpuMode) {
    domain.ele('cpu', { mode: cfg.cpuMode });
  }
  domain.ele('clock', { offset: 'utc' });
  domain.ele('on_poweroff').txt('destroy');
  domain.ele('on_reboot').txt('restart');
  domain.ele('on_crash').txt('destroy');
}

function renderDisk(devices: XMLBuilder, disk: DiskDevice): void {
  const el = devices.ele('disk', { type: 'file', device: disk.device });
  el.ele('driver', { name: 'qemu', type: disk.format });
  el.ele('source', { file: disk.source });
  el.ele('target', { dev: disk.target, bus: disk.bus });
  if (disk.readonly) {
    el.ele('readonly');
  }
}

function renderDevices(domain: XMLBuilder, cfg: DomainConfig): void {
  const devices = domain.ele('devices');
  cfg.disks.forEach((d) => renderDisk(devices, d));
  cfg.interfaces.forEach((nic) => renderInterface(devices, nic));
  if (cfg.consoleLog !== null) {
    const serial = devices.ele('serial', { type: 'pty' });
    serial.ele('log', { file: cfg.consoleLog, append: 'on' });
    serial.ele('target', { port: '0' });
    devices.ele('console', { type: 'pty' }).ele('target', { type: 'serial', port: '0' });
  }
  // Fewer devices, faster QEMU start: no USB controller, no video, no balloon.
  devices.ele('controller', { type: 'usb', model: 'none' });
  devices.ele('video').ele('model', { type: 'none' });
  devices.ele('memballoon', { model: 'none' });
}

/** The domain XML for `cfg`; throws if the result would not be well-formed. */
export function renderDomainXml(cfg: DomainConfig): string {
  const domain = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '' }).ele(
    'domain',
    { type: cfg.type },
  );
  domain.ele('name').txt(cfg.name);
  domain.ele('uuid').txt(cfg.uuid);
  renderMetadata(domain, cfg.metadata);
  domain.ele('memory', { unit: 'MiB' }).txt(String(cfg.memoryMiB));
  domain.ele('vcpu').txt(String(cfg.vcpus));
  renderOs(domain, cfg);
  renderDevices(domain, cfg);
  if (cfg.dacLabel) {
    domain
      .ele('seclabel', { type: 'static', model: 'dac', relabel: 'no' })
      .ele('label')
      .txt(cfg.dacLabel);
  }
  return domain.end({ headless: true, prettyPrint: true, wellFormed: true });
}
