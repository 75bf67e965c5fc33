import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { currentKernelPackage, downloadPackages, unpackPackages } from './debian-packages.js';
import { elfClosure } from './elf-closure.js';
import { initramfs, withParents, type CpioEntry } from './initramfs.js';
import { moduleClosure } from './kernel-modules.js';

const run = promisify(execFile);

/** Modules the guest init loads: the IDE cdrom holding the config drive, ISO9660, the ACPI power button. */
export const GUEST_MODULES = ['ata_piix', 'sr_mod', 'isofs', 'button', 'evdev'] as const;

/** Debian packages besides the kernel: busybox for the initramfs, syslinux + mtools to make the disk bootable. */
const TOOL_PACKAGES = ['busybox-static', 'syslinux', 'syslinux-common', 'mtools'];

const DISK_BYTES = 32 * 1024 * 1024;

/** What a variant of the guest adds to the initramfs (the net guest: virtio_net, dropbear). */
export interface GuestExtras {
  /** Debian packages to download and unpack besides the kernel and busybox. */
  readonly packages: readonly string[];
  /** Kernel modules loaded at boot after GUEST_MODULES (their dependencies come along). */
  readonly modules: readonly string[];
  /** Dynamically linked programs of the unpacked packages, copied with their libraries and loader. */
  readonly programs: readonly string[];
  /** Further files, links and directories (parents are added as needed). */
  readonly files: readonly CpioEntry[];
}

/** The unpacked kernel: its /boot/vmlinuz-<release> and its modules directory. */
async function kernelOf(root: string): Promise<{ kernel: string; modulesDir: string }> {
  const vmlinuz = (await readdir(join(root, 'boot'))).find((f) => f.startsWith('vmlinuz-'));
  if (!vmlinuz) {
    throw new Error('the kernel package has no /boot/vmlinuz-*');
  }
  const release = vmlinuz.slice('vmlinuz-'.length);
  return {
    kernel: join(root, 'boot', vmlinuz),
    modulesDir: join(root, 'lib', 'modules', release, 'kernel'),
  };
}

async function buildInitrd(
  root: string,
  initScript: Buffer,
  extras?: GuestExtras,
): Promise<{ initrd: Buffer; kernel: string }> {
  const { kernel, modulesDir } = await kernelOf(root);
  const modules = await moduleClosure(modulesDir, [...GUEST_MODULES, ...(extras?.modules ?? [])]);
  const entries: CpioEntry[] = [
    ...['bin', 'dev', 'proc', 'sys', 'mnt', 'tmp', 'etc', 'lib', 'lib/modules'].map((path) => ({
      type: 'dir' as const,
      path,
    })),
    {
      type: 'file',
      path: 'bin/busybox',
      data: await readFile(join(root, 'bin', 'busybox')),
      mode: 0o755,
    },
    { type: 'symlink', path: 'bin/sh', target: 'busybox' },
    { type: 'chardev', path: 'dev/console', major: 5, minor: 1 },
    { type: 'file', path: 'init', data: initScript, mode: 0o755 },
    {
      type: 'file',
      path: 'etc/modules',
      data: Buffer.from(`${modules.map((m) => m.name).join('\n')}\n`),
    },
  ];
  for (const m of modules) {
    entries.push({ type: 'file', path: `lib/modules/${m.name}.ko`, data: await readFile(m.path) });
  }
  if (extras) {
    entries.push(...(await elfClosure(root, extras.programs)), ...extras.files);
  }
  return { initrd: initramfs(withParents(entries)), kernel };
}

/** One FAT filesystem over the whole disk with SYSLINUX, the kernel, initrd and config. */
async function makeBootDisk(
  root: string,
  out: string,
  files: { kernel: string; initrd: string; cfg: string },
): Promise<void> {
  await writeFile(out, Buffer.alloc(0));
  await truncate(out, DISK_BYTES);
  const bin = join(root, 'usr', 'bin');
  const env = { PATH: `${bin}:/usr/bin:/bin`, MTOOLS_SKIP_CHECK: '1', LC_ALL: 'C' };
  const tool = (name: string, args: string[]) =>
    run(join(bin, name), args, { env, timeout: 120_000 });
  const sectors = String(DISK_BYTES / 512);
  await tool('mformat', [
    '-i',
    out,
    '-T',
    sectors,
    '-h',
    '64',
    '-s',
    '32',
    '-v',
    'TINYLINUX',
    '::',
  ]);
  await tool('syslinux', ['--install', out]);
  await tool('mcopy', ['-i', out, files.kernel, '::vmlinuz']);
  await tool('mcopy', ['-i', out, files.initrd, '::initrd.gz']);
  await tool('mcopy', ['-i', out, files.cfg, '::syslinux.cfg']);
}

/**
 * A raw disk that boots Debian's kernel with a busybox initramfs: one FAT filesystem over the
 * whole disk (no partition table, SeaBIOS boots its boot sector) holding SYSLINUX, vmlinuz,
 * initrd.gz and syslinux.cfg. Built without root, loop devices or mounts: mtools writes
 * the filesystem, `syslinux --install` the boot code.
 */
export async function buildLinuxGuestDisk(opts: {
  readonly workDir: string;
  readonly out: string;
  readonly initScript: Buffer;
  readonly syslinuxCfg: Buffer;
  readonly extras?: GuestExtras;
}): Promise<{ kernelPackage: string }> {
  const kernelPackage = await currentKernelPackage();
  const packages = [kernelPackage, ...TOOL_PACKAGES, ...(opts.extras?.packages ?? [])];
  const debDir = join(opts.workDir, 'debs');
  await downloadPackages(packages, debDir);
  const root = await mkdtemp(join(opts.workDir, 'root-'));
  try {
    await unpackPackages(packages, debDir, root);
    const { initrd, kernel } = await buildInitrd(root, opts.initScript, opts.extras);
    const initrdPath = join(root, 'initrd.gz');
    const cfgPath = join(root, 'syslinux.cfg');
    await writeFile(initrdPath, initrd);
    await writeFile(cfgPath, opts.syslinuxCfg);
    await makeBootDisk(root, opts.out, { kernel, initrd: initrdPath, cfg: cfgPath });
    return { kernelPackage };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
