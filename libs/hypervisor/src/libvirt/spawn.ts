import { loggerFor } from '@tinystack/logging';
import { writeConfigDriveIso } from '../config-drive/config-drive-iso.js';
import type { QemuImg } from '../disk/qemu-img.js';
import type { GuestSpec } from '../driver/guest.types.js';
import { guestAlreadyExists } from '../driver/hypervisor.errors.js';
import type { BaseImageCache, CachedImage } from '../image-cache/base-image-cache.js';
import { createRootDisk, type InstanceFiles } from './disk.js';
import { domainConfigOf, type GuestPaths, type HostPlacement } from './domain-config.js';
import { renderDomainXml } from './domain-xml.js';
import type { LibvirtGuest } from './guest.js';
import type { LibvirtHost } from './host.js';
import { VirState } from './native.js';

/** What spawning and removing a guest need from the driver. */
export interface GuestBuilder {
  readonly host: LibvirtHost;
  readonly files: InstanceFiles;
  readonly cache: BaseImageCache;
  readonly qemuImg: QemuImg;
  readonly genisoimage: string | undefined;
}

const log = loggerFor('LibvirtSpawn');

async function prepareFiles(
  b: GuestBuilder,
  spec: GuestSpec,
  image: CachedImage,
  paths: GuestPaths,
): Promise<void> {
  await b.files.prepare(spec.id);
  await createRootDisk(b.qemuImg, image, paths.rootDisk, spec.rootDiskGiB);
  if (spec.configDrive && paths.configDrive) {
    await writeConfigDriveIso(spec.configDrive, paths.configDrive, b.genisoimage);
  }
}

/**
 * Nova's spawn: base image into the cache, instance files, domain XML, define, start. Any
 * failure (or `signal` aborting) undoes everything done so far before it is rethrown.
 */
export async function spawnGuest(
  b: GuestBuilder,
  guest: LibvirtGuest,
  spec: GuestSpec,
  placement: HostPlacement,
  signal?: AbortSignal,
): Promise<void> {
  if (await guest.stateOrNull()) {
    throw guestAlreadyExists(spec.id);
  }
  const image = await b.cache.ensure(spec.image.id, spec.image.checksums, signal);
  signal?.throwIfAborted();
  const paths: GuestPaths = {
    rootDisk: b.files.rootDisk(spec.id),
    configDrive: spec.configDrive ? b.files.configDrive(spec.id) : undefined,
    consoleLog: b.files.consoleLog(spec.id),
  };
  let defined = false;
  try {
    await prepareFiles(b, spec, image, paths);
    signal?.throwIfAborted();
    const xml = renderDomainXml(domainConfigOf(spec, paths, placement));
    await b.host.call({ op: 'define', id: spec.id }, ({ lv }) => lv.domainDefineXML(xml));
    defined = true;
    if (spec.powerOn ?? true) {
      signal?.throwIfAborted();
      await guest.create();
    }
  } catch (err) {
    log.warn({ guestId: spec.id, err }, 'spawn failed; cleaning up');
    if (defined) {
      await guest.destroy().catch(() => undefined);
      await guest.undefine().catch(() => undefined);
    }
    await b.files.remove(spec.id);
    throw err;
  }
}

/** Power off and undefine the guest if it exists; remove its files unless `keepDisks`. */
export async function removeGuest(
  b: GuestBuilder,
  guest: LibvirtGuest,
  keepDisks: boolean,
): Promise<void> {
  const s = await guest.stateOrNull();
  if (s) {
    if (s.state !== VirState.SHUTOFF) {
      await guest.destroy().catch(async (err: unknown) => {
        if ((await guest.stateOrNull())?.state !== VirState.SHUTOFF) {
          throw err; // it did not just power off on its own
        }
      });
    }
    await guest.undefine();
  }
  if (!keepDisks) {
    await b.files.remove(guest.id);
  }
}
