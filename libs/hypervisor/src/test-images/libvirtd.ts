import { execFile } from 'node:child_process';
import { chmod, chown, readdir, readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SOCKET = '/run/libvirt/libvirt-sock';

async function running(name: string): Promise<boolean> {
  for (const pid of await readdir('/proc').catch(() => [] as string[])) {
    if (
      /^\d+$/.test(pid) &&
      (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim() === name
    ) {
      return true;
    }
  }
  return false;
}

/**
 * Test setup for real guests: make sure virtlogd and libvirtd run (starting them as root,
 * as tools/bootstrap.mjs does), and that /dev/kvm is usable by libvirt's qemu user (group kvm,
 * mode 0660, as Debian's udev rule sets it): libvirt otherwise re-probes QEMU on every
 * call (~5 s each). Throws a clear error when it cannot.
 */
export async function ensureLibvirtd(): Promise<void> {
  const isRoot = process.getuid?.() === 0;
  for (const daemon of ['virtlogd', 'libvirtd']) {
    if (await running(daemon)) {
      continue;
    }
    if (!isRoot) {
      throw new Error(`${daemon} is not running and only root can start it (sudo ${daemon} -d)`);
    }
    await run(`/usr/sbin/${daemon}`, ['-d'], { cwd: '/' }).catch((err: Error) => {
      throw new Error(`could not start ${daemon}: ${err.message}`);
    });
  }
  for (let i = 0; i < 100 && !existsSync(SOCKET); i++) {
    await sleep(100);
  }
  if (!existsSync(SOCKET)) {
    throw new Error(`libvirtd is running but ${SOCKET} did not appear`);
  }
  await fixKvmPermissions(isRoot);
}

async function fixKvmPermissions(isRoot: boolean): Promise<void> {
  const kvm = await stat('/dev/kvm').catch(() => undefined);
  if (!kvm || !isRoot || (kvm.mode & 0o060) === 0o060) {
    return;
  }
  const group = (await readFile('/etc/group', 'utf8'))
    .split('\n')
    .find((l) => l.startsWith('kvm:'));
  const gid = Number(group?.split(':')[2]);
  if (Number.isInteger(gid)) {
    await chown('/dev/kvm', kvm.uid, gid);
    await chmod('/dev/kvm', 0o660);
  }
}

/** True when /dev/kvm exists (KVM guests can be tried). */
export function hasKvm(): boolean {
  return existsSync('/dev/kvm');
}
