import { createReadStream } from 'node:fs';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DiskFormat, DiskSnapshot } from '../driver/guest.types.js';
import { assertUuid } from '../driver/guest-spec.validation.js';
import { invalidGuestSpec } from '../driver/hypervisor.errors.js';
import type { QemuImg } from '../disk/qemu-img.js';
import type { CachedImage } from '../image-cache/base-image-cache.js';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/**
 * Where a guest's files live: `<instancesDir>/<uuid>/{disk,disk.config,console.log}`. The
 * directory name is the validated UUID; nothing from the spec becomes a path.
 */
export class InstanceFiles {
  constructor(
    readonly instancesDir: string,
    readonly snapshotsDir: string,
  ) {}

  dirOf(id: string): string {
    assertUuid(id);
    return join(this.instancesDir, id);
  }

  rootDisk(id: string): string {
    return join(this.dirOf(id), 'disk');
  }

  configDrive(id: string): string {
    return join(this.dirOf(id), 'disk.config');
  }

  consoleLog(id: string): string {
    return join(this.dirOf(id), 'console.log');
  }

  /** A fresh, empty instance directory (leftovers of an earlier failed spawn are removed). */
  async prepare(id: string): Promise<void> {
    await rm(this.dirOf(id), { recursive: true, force: true });
    await mkdir(this.dirOf(id), { recursive: true, mode: 0o755 });
  }

  async remove(id: string): Promise<void> {
    await rm(this.dirOf(id), { recursive: true, force: true });
  }
}

/**
 * The root disk size: the flavor's, or the image's own when the flavor says 0, never below
 * 1 MiB (OPENSTACK-COMPAT 15: SeaBIOS does not boot a 512-byte virtio disk).
 */
export function rootDiskBytes(image: CachedImage, rootDiskGiB: number): number {
  const imageBytes = Math.ceil(image.virtualSize / MiB) * MiB;
  if (rootDiskGiB === 0) {
    return Math.max(imageBytes, MiB);
  }
  const flavorBytes = rootDiskGiB * GiB;
  if (flavorBytes < image.virtualSize) {
    throw invalidGuestSpec(
      `Flavor's disk is too small for requested image (${image.virtualSize} bytes).`,
    );
  }
  return flavorBytes;
}

export async function createRootDisk(
  qemuImg: QemuImg,
  image: CachedImage,
  path: string,
  rootDiskGiB: number,
): Promise<void> {
  await qemuImg.createOverlay(image.path, image.format, path, rootDiskBytes(image, rootDiskGiB));
}

/**
 * Flatten `disk` into a new image in `snapshotsDir` and stream it; the file is removed when
 * the stream closes. `inUse`: a QEMU process holds the disk (the caller paused the guest).
 */
export async function snapshotDisk(
  qemuImg: QemuImg,
  disk: string,
  snapshotsDir: string,
  format: DiskFormat,
  inUse: boolean,
): Promise<DiskSnapshot> {
  await mkdir(snapshotsDir, { recursive: true });
  const out = join(snapshotsDir, `${randomBytes(8).toString('hex')}.${format}`);
  try {
    await qemuImg.convert(disk, 'qcow2', out, format, inUse);
    const fh = await open(out, 'r');
    await fh.sync();
    await fh.close();
    const { size } = await stat(out);
    const stream = createReadStream(out);
    stream.once('close', () => void rm(out, { force: true }));
    return { format, size, stream };
  } catch (err) {
    await rm(out, { force: true });
    throw err;
  }
}
