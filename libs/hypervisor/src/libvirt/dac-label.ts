import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Who QEMU runs as. With qemu:///system libvirt starts QEMU as an unprivileged user (the DAC
 * base label, e.g. libvirt-qemu `+64055:+64055`) and chowns the guest's files to it; that
 * user must still be able to walk down to them. When the agent's state directory is not
 * reachable for it (say under /root, mode 0700), guests run as the agent's own user instead
 * (a static DAC label, no relabelling). `libvirt` and `agent` force one or the other.
 */
export type GuestUserMode = 'auto' | 'libvirt' | 'agent';

/** Can uid:gid search every directory from / down to `dir`? */
export async function canTraverse(dir: string, uid: number, gid: number): Promise<boolean> {
  if (uid === 0) {
    return true;
  }
  let cur = dir;
  for (;;) {
    const s = await stat(cur).catch(() => undefined);
    if (s) {
      const bits =
        s.uid === uid ? (s.mode >> 6) & 1 : s.gid === gid ? (s.mode >> 3) & 1 : s.mode & 1;
      if (!bits) {
        return false;
      }
    }
    const parent = dirname(cur);
    if (parent === cur) {
      return true;
    }
    cur = parent;
  }
}

/** `+uid:+gid` → numbers. */
export function parseDacLabel(label: string | undefined): { uid: number; gid: number } | undefined {
  const m = /^\+?(\d+):\+?(\d+)$/.exec(label ?? '');
  return m ? { uid: Number(m[1]), gid: Number(m[2]) } : undefined;
}

/** The static DAC label guests get, or undefined for libvirt's default. */
export async function chooseDacLabel(opts: {
  mode: GuestUserMode;
  uri: string;
  stateDir: string;
  baseLabel: string | undefined;
  self: { uid: number; gid: number };
}): Promise<string | undefined> {
  const own = `+${opts.self.uid}:+${opts.self.gid}`;
  if (opts.mode === 'agent') {
    return own;
  }
  if (opts.mode === 'libvirt' || !opts.uri.startsWith('qemu:///system')) {
    return undefined;
  }
  const qemu = parseDacLabel(opts.baseLabel);
  if (!qemu || (await canTraverse(opts.stateDir, qemu.uid, qemu.gid))) {
    return undefined;
  }
  return own;
}
