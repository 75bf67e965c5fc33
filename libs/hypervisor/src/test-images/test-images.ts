import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { DiskFormat } from '../driver/guest.types.js';
import { BOOT_SECTOR_LINE, bootSectorImage } from './boot-sector.js';
import { downloadPackages, unpackPackages } from './debian-packages.js';
import { buildLinuxGuestDisk, GUEST_MODULES, type GuestExtras } from './linux-guest.js';
import { netGuestExtras } from './linux-net-guest.js';

const run = promisify(execFile);

/**
 * The guest images the tests boot, built in the project from Debian packages and cached:
 * - `boot-sector` (raw and qcow2): 512 bytes that print BOOT_SECTOR_LINE on COM1 and halt;
 * - `linux` (raw): Debian's kernel + a busybox initramfs that prints the config drive's
 *   instance uuid and user_data (test-images/guest-init.sh);
 * - `linux-net` (raw): the same plus virtio_net, network_data.json and dropbear (SSH by key).
 * Each image is rebuilt only when its inputs change (a key in `<name>.json`); builds take a
 * lock directory, so concurrent test files wait for one build instead of racing.
 */
export interface TestImage {
  readonly name: string;
  readonly path: string;
  readonly format: DiskFormat;
  readonly size: number;
  readonly md5: string;
  readonly sha256: string;
  readonly sha512: string;
}

/** Bump when the build changes in a way the hashed inputs do not show. */
const BUILDER_VERSION = '1';

/** libs/hypervisor/ (this file is dist/test-images/test-images.js). */
const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `<repo>/.tinystack/test-images`, shared by unit, integration and e2e tests. */
export const DEFAULT_TEST_IMAGES_DIR = join(PACKAGE_ROOT, '..', '..', '.tinystack', 'test-images');

export { BOOT_SECTOR_LINE };
export const GUEST_LINE_PREFIX = 'tinystack-guest:';

async function digests(
  path: string,
): Promise<{ md5: string; sha256: string; sha512: string; size: number }> {
  const hs = { md5: createHash('md5'), sha256: createHash('sha256'), sha512: createHash('sha512') };
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    size += (chunk as Buffer).length;
    Object.values(hs).forEach((h) => h.update(chunk as Buffer));
  }
  return {
    md5: hs.md5.digest('hex'),
    sha256: hs.sha256.digest('hex'),
    sha512: hs.sha512.digest('hex'),
    size,
  };
}

async function withLock<T>(lock: string, fn: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw err;
      }
      const age = Date.now() - ((await stat(lock).catch(() => undefined))?.mtimeMs ?? Date.now());
      if (age > 20 * 60_000) {
        await rm(lock, { recursive: true, force: true });
      }
      await sleep(500);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** The image `name` built by `build(tmpPath)` unless a build with the same `key` is cached. */
async function cached(
  dir: string,
  name: string,
  format: DiskFormat,
  key: string,
  build: (tmp: string) => Promise<void>,
): Promise<TestImage> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name}.${format}`);
  const manifest = join(dir, `${name}.json`);
  const read = async () => {
    const m = JSON.parse(await readFile(manifest, 'utf8').catch(() => '{}')) as TestImage & {
      key?: string;
    };
    return m.key === key && (await stat(path).catch(() => undefined)) ? m : undefined;
  };
  const hit = await read();
  if (hit) {
    return hit;
  }
  return withLock(join(dir, `.${name}.lock`), async () => {
    const again = await read();
    if (again) {
      return again;
    }
    const tmp = `${path}.tmp-${process.pid}`;
    try {
      await build(tmp);
      await rename(tmp, path);
    } finally {
      await rm(tmp, { force: true });
    }
    const image: TestImage = { name, path, format, ...(await digests(path)) };
    await writeFile(manifest, JSON.stringify({ ...image, key }, null, 2));
    return image;
  });
}

const keyOf = (...parts: Array<string | Buffer>) => {
  const h = createHash('sha256').update(BUILDER_VERSION);
  parts.forEach((p) => h.update(p));
  return h.digest('hex');
};

/** The 512-byte boot-sector guest, raw. */
export function ensureBootSectorImage(dir = DEFAULT_TEST_IMAGES_DIR): Promise<TestImage> {
  const bytes = bootSectorImage();
  return cached(dir, 'boot-sector', 'raw', keyOf(bytes), (tmp) => writeFile(tmp, bytes));
}

/** The boot-sector guest as qcow2 (to exercise the qcow2 base-image path). */
export async function ensureBootSectorQcow2Image(
  dir = DEFAULT_TEST_IMAGES_DIR,
): Promise<TestImage> {
  const raw = await ensureBootSectorImage(dir);
  return cached(dir, 'boot-sector', 'qcow2', keyOf(raw.sha256, 'qcow2'), async (tmp) => {
    await run('/usr/bin/qemu-img', ['convert', '-q', '-f', 'raw', '-O', 'qcow2', raw.path, tmp]);
  });
}

const scriptOf = (name: string) => readFile(join(PACKAGE_ROOT, 'test-images', name));

async function ensureLinux(
  dir: string,
  name: string,
  extraKey: Array<string | Buffer>,
  extras?: GuestExtras,
): Promise<TestImage> {
  const initScript = await scriptOf('guest-init.sh');
  const syslinuxCfg = await scriptOf('syslinux.cfg');
  const key = keyOf(initScript, syslinuxCfg, GUEST_MODULES.join(','), ...extraKey);
  return cached(dir, name, 'raw', key, async (tmp) => {
    const workDir = join(dir, 'work');
    await mkdir(workDir, { recursive: true });
    await buildLinuxGuestDisk({ workDir, out: tmp, initScript, syslinuxCfg, extras });
  });
}

/** The Linux guest (Debian kernel + busybox initramfs), raw. Needs apt (downloads ~75 MB once). */
export function ensureLinuxGuestImage(dir = DEFAULT_TEST_IMAGES_DIR): Promise<TestImage> {
  return ensureLinux(dir, 'linux-guest', []);
}

/**
 * The Linux guest with networking and SSH (`linux-net-guest.raw`): configures its virtio NICs
 * from the config drive's network_data.json, puts meta_data.json's public_keys into root's
 * authorized_keys and runs dropbear on port 22 (key only). Console lines: NET_GUEST_LINES.
 */
export async function ensureLinuxNetGuestImage(dir = DEFAULT_TEST_IMAGES_DIR): Promise<TestImage> {
  const guestNet = await scriptOf('guest-net.sh');
  const jsonFlat = await scriptOf('json-flat.awk');
  const extras = netGuestExtras({ guestNet, jsonFlat });
  const key = [JSON.stringify(extras)];
  return ensureLinux(dir, 'linux-net-guest', key, extras);
}

/**
 * A static busybox for the host side of tests (e.g. `busybox udhcpd` in a test namespace),
 * unpacked from the busybox-static package the Linux guests use; returns its path.
 */
export async function ensureHostBusybox(dir = DEFAULT_TEST_IMAGES_DIR): Promise<string> {
  const root = join(dir, 'work', 'busybox-static');
  const path = join(root, 'bin', 'busybox');
  if (await stat(path).catch(() => undefined)) {
    return path;
  }
  return withLock(join(dir, '.busybox-static.lock'), async () => {
    if (!(await stat(path).catch(() => undefined))) {
      const debDir = join(dir, 'work', 'debs');
      const tmp = `${root}.tmp-${process.pid}`;
      await downloadPackages(['busybox-static'], debDir);
      try {
        await unpackPackages(['busybox-static'], debDir, tmp);
        await rm(root, { recursive: true, force: true });
        await rename(tmp, root);
      } finally {
        await rm(tmp, { recursive: true, force: true });
      }
    }
    return path;
  });
}

/** What the net guest prints on its serial console (full lines; tests wait for them). */
export const NET_GUEST_LINES = {
  /** dropbear listens on port 22 (printed after the network lines). */
  sshReady: 'tinystack-guest: ssh ready',
  /** dropbear did not come up. */
  sshFailed: 'tinystack-guest: ssh failed',
  /** init is done (after the ssh line). */
  ready: 'tinystack-guest: ready',
} as const;

/**
 * The `tinystack-guest: network <iface> <mac> <address>/<prefix>` lines of a console log: one
 * per address the net guest configured (static or DHCP); `address` is `none` for a NIC of
 * network_data.json left without one.
 */
export function netGuestAddresses(
  consoleText: string,
): Array<{ iface: string; mac: string; address: string }> {
  return [...consoleText.matchAll(/tinystack-guest: network (\S+) ([0-9a-f:]+) (\S+)/g)].map(
    (m) => ({ iface: m[1], mac: m[2], address: m[3] }),
  );
}
