import { mkdir, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { loggerFor } from '@tinystack/logging';
import { QemuImg } from '../disk/qemu-img.js';
import type {
  DiskFormat,
  DiskSnapshot,
  GuestEvent,
  GuestId,
  GuestInfo,
  GuestSpec,
  HostCapabilities,
  HostResources,
} from '../driver/guest.types.js';
import { assertUuid, validateGuestSpec } from '../driver/guest-spec.validation.js';
import type { HypervisorDriver } from '../driver/hypervisor-driver.js';
import { BaseImageCache } from '../image-cache/base-image-cache.js';
import type { ImageSource } from '../image-cache/image-source.js';
import { readTail } from './console-log.js';
import { chooseDacLabel, type GuestUserMode } from './dac-label.js';
import { InstanceFiles, snapshotDisk } from './disk.js';
import {
  guestIdOfDomainName,
  pickDomainType,
  type CpuMode,
  type HostPlacement,
} from './domain-config.js';
import { GuestEvents } from './guest-events.js';
import { LibvirtGuest } from './guest.js';
import { LibvirtHost } from './host.js';
import { VirState, pinWhile } from './native.js';
import * as power from './power-ops.js';
import { removeGuest, spawnGuest, type GuestBuilder } from './spawn.js';

export interface LibvirtDriverOptions {
  /** libvirt URI: qemu:///system on a host, test:///default in unit tests. */
  readonly uri: string;
  /** The agent's directory: base/ (image cache), instances/, snapshots/. */
  readonly stateDir: string;
  /** kvm, qemu (TCG), or auto: kvm when libvirt offers it, else qemu. */
  readonly virtType: 'auto' | 'kvm' | 'qemu';
  readonly guestUser?: GuestUserMode;
  /** CPU model for kvm guests (default: the hypervisor's default model). */
  readonly cpuMode?: CpuMode;
  readonly imageSource: ImageSource;
  readonly qemuImgPath?: string;
  readonly genisoimagePath?: string;
}

/** The HypervisorDriver on libvirt (Nova's libvirt/driver.py, in small pieces). */
export class LibvirtDriver implements HypervisorDriver {
  private readonly log = loggerFor('LibvirtDriver');
  private readonly host: LibvirtHost;
  private readonly qemuImg: QemuImg;
  private readonly files: InstanceFiles;
  private readonly cache: BaseImageCache;
  private readonly events: GuestEvents;
  private placement: HostPlacement | undefined;
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly builder: GuestBuilder;
  /** Guest ids known to be ours or not (owner metadata), for events. */
  private readonly ownership = new Map<string, boolean>();

  constructor(private readonly opts: LibvirtDriverOptions) {
    this.host = new LibvirtHost(opts.uri);
    this.qemuImg = new QemuImg(opts.qemuImgPath);
    this.files = new InstanceFiles(
      join(opts.stateDir, 'instances'),
      join(opts.stateDir, 'snapshots'),
    );
    this.cache = new BaseImageCache(join(opts.stateDir, 'base'), opts.imageSource, this.qemuImg);
    this.events = new GuestEvents(
      this.host,
      (id) => this.guest(id),
      (id) => this.owns(id),
    );
    this.builder = {
      host: this.host,
      files: this.files,
      cache: this.cache,
      qemuImg: this.qemuImg,
      genisoimage: opts.genisoimagePath,
    };
  }

  async init(): Promise<void> {
    await this.host.connect();
    if (!this.placement) {
      await mkdir(this.files.instancesDir, { recursive: true, mode: 0o755 });
      const facts = await this.host.hostFacts();
      const domainType = pickDomainType(this.opts.virtType, facts.caps.domainTypes, this.opts.uri);
      const dacLabel = await chooseDacLabel({
        mode: this.opts.guestUser ?? 'auto',
        uri: this.opts.uri,
        stateDir: this.opts.stateDir,
        baseLabel: facts.caps.dacBaseLabel,
        self: { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 },
      });
      const arch =
        facts.caps.archesOf[domainType]?.includes('x86_64') === false ? 'i686' : 'x86_64';
      const cpuMode = this.opts.cpuMode ?? 'default';
      this.placement = { domainType, dacLabel, arch, cpuMode, owner: this.opts.stateDir };
      this.log.info(
        { uri: this.opts.uri, domainType, dacLabel: dacLabel ?? 'libvirt default' },
        'hypervisor ready',
      );
    }
  }

  async close(): Promise<void> {
    this.events.stop();
    await this.host.close();
  }

  private async ready(): Promise<HostPlacement> {
    await this.init();
    return this.placement!;
  }

  private guest(id: string): LibvirtGuest {
    assertUuid(id);
    return new LibvirtGuest(this.host, id);
  }

  /** Runs operations on one guest one at a time, in call order (a bad id rejects). */
  private serial<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const guarded = () => {
      assertUuid(id);
      return fn();
    };
    const prev = this.queues.get(id) ?? Promise.resolve();
    const next = prev.then(guarded, guarded);
    const tail = next.catch(() => undefined);
    this.queues.set(id, tail);
    void tail.then(() => this.queues.get(id) === tail && this.queues.delete(id));
    return next;
  }

  async capabilities(): Promise<HostCapabilities> {
    const { domainType } = await this.ready();
    const f = await this.host.hostFacts();
    return {
      domainType,
      hypervisorType: domainType === 'test' ? 'test' : 'QEMU',
      hypervisorVersion: f.hypervisorVersion,
      libvirtVersion: f.libvirtVersion,
      cpuArch: f.caps.hostArch,
      hostname: f.hostname,
      liveMigration: f.caps.liveMigration,
      suspendToDisk: true,
    };
  }

  async hostResources(): Promise<HostResources> {
    await this.ready();
    const node = await this.host.call({ op: 'read node info' }, ({ lv }) => lv.nodeGetInfo());
    const fs = await statfs(this.opts.stateDir);
    const GiB = 1024 ** 3;
    return {
      vcpus: node.cpus,
      memoryMiB: Math.floor(node.memory / 1024),
      localDiskGiB: Math.floor((fs.blocks * fs.bsize) / GiB),
      freeDiskGiB: Math.floor((fs.bavail * fs.bsize) / GiB),
      cpuModel: node.model,
    };
  }

  spawn(spec: GuestSpec, signal?: AbortSignal): Promise<GuestInfo> {
    return this.serial(spec.id, () => {
      validateGuestSpec(spec);
      return this.doSpawn(spec, signal);
    });
  }

  private async doSpawn(spec: GuestSpec, signal?: AbortSignal): Promise<GuestInfo> {
    const t0 = Date.now();
    const placement = await this.ready();
    const guest = this.guest(spec.id);
    await spawnGuest(this.builder, guest, spec, placement, signal);
    this.ownership.set(spec.id, true);
    const info = await guest.describe();
    this.log.info(
      { guestId: spec.id, ms: Date.now() - t0, powerState: info.powerState },
      'guest spawned',
    );
    return info;
  }

  destroy(id: GuestId, opts: { keepDisks: boolean }): Promise<void> {
    return this.serial(id, async () => {
      await removeGuest(this.builder, this.guest(id), opts.keepDisks);
      this.ownership.delete(id);
    });
  }

  start(id: GuestId): Promise<void> {
    return this.serial(id, () => power.startGuest(this.guest(id)));
  }

  stop(id: GuestId, opts: { timeoutMs: number }): Promise<void> {
    return this.serial(id, () => power.stopGuest(this.guest(id), opts.timeoutMs));
  }

  reboot(id: GuestId, opts: { hard: boolean; timeoutMs: number }): Promise<void> {
    return this.serial(id, async () => {
      const guest = this.guest(id);
      if (opts.hard) {
        return power.hardReboot(guest);
      }
      const how = await power.softReboot(guest, opts.timeoutMs, (ms) =>
        this.events.waitForReboot(id, ms),
      );
      this.log.info({ guestId: id, how }, 'guest rebooted');
    });
  }

  pause(id: GuestId): Promise<void> {
    return this.serial(id, () => power.pauseGuest(this.guest(id)));
  }

  unpause(id: GuestId): Promise<void> {
    return this.serial(id, () => power.unpauseGuest(this.guest(id)));
  }

  suspend(id: GuestId): Promise<void> {
    return this.serial(id, () => power.suspendGuest(this.guest(id)));
  }

  resume(id: GuestId): Promise<void> {
    return this.serial(id, () => power.resumeGuest(this.guest(id)));
  }

  async getInfo(id: GuestId): Promise<GuestInfo> {
    await this.ready();
    return this.guest(id).describe();
  }

  async listGuests(): Promise<GuestInfo[]> {
    await this.ready();
    const names = await this.host.call({ op: 'list domains' }, async ({ lv }) => {
      const domains = await lv.connectListAllDomains();
      return pinWhile(domains, Promise.all(domains.map((d) => lv.domainGetName(d))));
    });
    const ids = names.map(guestIdOfDomainName).filter((id): id is string => id !== undefined);
    const infos = await Promise.all(
      ids.map(async (id) => {
        try {
          const { info, owner } = await this.guest(id).describeWithOwner();
          this.ownership.set(id, owner === this.opts.stateDir);
          return owner === this.opts.stateDir ? info : undefined;
        } catch (err) {
          if (isNotFound(err)) {
            return undefined; // undefined between the listing and the lookup
          }
          throw err;
        }
      }),
    );
    return infos.filter((i): i is GuestInfo => i !== undefined);
  }

  /** Whether guest `id` was made by this driver (its owner metadata names our state dir). */
  private async owns(id: string): Promise<boolean> {
    const known = this.ownership.get(id);
    if (known !== undefined) {
      return known;
    }
    const ours = await this.guest(id)
      .describeWithOwner()
      .then(({ owner }) => owner === this.opts.stateDir)
      .catch(() => false);
    this.ownership.set(id, ours);
    return ours;
  }

  consoleLogPath(id: GuestId): string {
    return this.files.consoleLog(id);
  }

  async readConsole(
    id: GuestId,
    opts: { tailLines?: number; maxBytes?: number } = {},
  ): Promise<string> {
    return readTail(this.files.consoleLog(id), opts.maxBytes ?? 1024 * 1024, opts.tailLines);
  }

  snapshot(id: GuestId, opts: { format: DiskFormat }): Promise<DiskSnapshot> {
    return this.serial(id, async () => {
      const guest = this.guest(id);
      const s = await guest.state();
      const wasRunning = s.powerState === 'running';
      if (wasRunning) {
        await guest.pause();
      }
      try {
        const active = s.state !== VirState.SHUTOFF;
        return await snapshotDisk(
          this.qemuImg,
          this.files.rootDisk(id),
          this.files.snapshotsDir,
          opts.format,
          active,
        );
      } finally {
        if (wasRunning) {
          await guest.unpause();
        }
      }
    });
  }

  watch(listener: (event: GuestEvent) => void): () => void {
    return this.events.subscribe(listener);
  }
}

function isNotFound(err: unknown): boolean {
  return (err as { kind?: string } | undefined)?.kind === 'not_found';
}
