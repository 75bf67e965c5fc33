import type { GuestExtras } from './linux-guest.js';

/**
 * The net variant of the Linux test guest: the virtio NIC driver, Debian's dropbear (with its
 * shared libraries and the dynamic loader), a root account that logs in by key only, and
 * test-images/guest-net.sh, which /init runs to configure the NICs from the config drive's
 * network_data.json, install meta_data.json's public_keys and start dropbear.
 */

/** dropbear-bin and the packages holding the libraries it links (readelf checks the closure). */
export const NET_GUEST_PACKAGES = [
  'dropbear-bin',
  'libc6',
  'libcrypt1',
  'libtomcrypt1',
  'libtommath1',
  'libgmp10',
  'zlib1g',
] as const;

/** The NIC model of libvirt/vif.ts is virtio: the PCI transport and the net driver. */
export const NET_GUEST_MODULES = ['virtio_pci', 'virtio_net'] as const;

const text = (s: string) => Buffer.from(s);

/** Root with no password at all ('*' never matches; dropbear refuses passwords anyway: -s -g). */
const ACCOUNT_FILES = {
  'etc/passwd': 'root:*:0:0:root:/root:/bin/sh\n',
  'etc/group': 'root:x:0:\n',
  'etc/shells': '/bin/sh\n',
  'etc/nsswitch.conf': 'passwd: files\ngroup: files\nshadow: files\nhosts: files dns\n',
  'etc/hosts': '127.0.0.1 localhost\n',
};

export function netGuestExtras(scripts: {
  readonly guestNet: Buffer;
  readonly jsonFlat: Buffer;
}): GuestExtras {
  return {
    packages: NET_GUEST_PACKAGES,
    modules: NET_GUEST_MODULES,
    programs: ['usr/sbin/dropbear'],
    files: [
      { type: 'dir', path: 'root', mode: 0o700 },
      { type: 'dir', path: 'root/.ssh', mode: 0o700 },
      ...Object.entries(ACCOUNT_FILES).map(([path, s]) => ({
        type: 'file' as const,
        path,
        data: text(s),
      })),
      { type: 'file', path: 'etc/tinystack/guest-net.sh', data: scripts.guestNet, mode: 0o755 },
      { type: 'symlink', path: 'etc/tinystack/udhcpc.sh', target: 'guest-net.sh' },
      { type: 'file', path: 'etc/tinystack/json-flat.awk', data: scripts.jsonFlat },
    ],
  };
}
