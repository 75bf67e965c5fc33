// The Debian/Ubuntu packages tinystack needs, per bootstrap mode. The one list to edit
// when a service starts needing a system tool: add the package to the right set, with
// what uses it. tools/bootstrap.mjs and .ci/run install from here.
//
//   node tools/system-packages.mjs start|test   prints the packages of a mode, one a line

import { statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Needed to run the cloud (`npm start`). */
const start = [
  'g++', // npm ci: node-gyp builds better-sqlite3 when no prebuilt binary can be fetched
  'make',
  'python3',
  'qemu-system-x86', // compute-agent: the guests (KVM, or TCG without /dev/kvm)
  'qemu-utils', // compute-agent: qemu-img for qcow2 overlays of cached base images
  'libvirt-daemon-system', // compute-agent: libvirtd + virtlogd, qemu:///system
  'libvirt-dev', // libvirt headers, for a native libvirt binding
  'genisoimage', // compute-agent: config-drive / cloud-init seed ISOs for guests
  // compute-agent host networking (docs/network.md): bridges, veths and router namespaces,
  // security groups and floating IPs as iptables rules, sysctl in namespaces
  'iproute2',
  'iptables',
  'procps',
  'python3-openstackclient', // the `openstack` CLI that users (and e2e) point at tinystack
  'python3-swiftclient', // the `swift` CLI for object-store
];

/** Needed on top of `start` to run every test (`npm test`, .ci/run). */
const testOnly = [
  'postgresql', // medium tests run each dialect on a real PostgreSQL server
  'openssh-client', // e2e and libs/hypervisor: SSH into the Linux test guest
  'chromium', // e2e: the dashboard in a real browser
  // the S3 blob-store tests: OpenStack Swift with s3api is a real, signature-checking S3
  // server (apps/object-store/test-support/start-s3.sh, started by tools/run-tests.mjs)
  'swift',
  'swift-proxy',
  'swift-object',
  'swift-container',
  'swift-account',
  'curl', // start-s3.sh waits for the proxy with it
  // e2e/src/compose: the Docker engine deploy/docker-compose.yml is tested on (bootstrap
  // starts dockerd; the compose v2 plugin and base images come from
  // ../shared/docker/prepare-base-images.sh). Left out where a dockerd is already installed
  // (Docker CE's packages conflict with Debian's).
  'docker.io',
];

/** Packages not to install when the command they provide is already there by other means. */
const PROVIDED_BY_COMMAND = Object.freeze({ 'docker.io': 'dockerd' });

function onPath(cmd) {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin'];
  return dirs.some((d) => {
    try {
      return statSync(join(d, cmd)).isFile();
    } catch {
      return false;
    }
  });
}

/** `list` without the packages whose command is installed some other way. */
function withoutProvided(list) {
  return list.filter((p) => {
    const cmd = PROVIDED_BY_COMMAND[p];
    return !cmd || !onPath(cmd) || installedByDpkg(p);
  });
}

/** Whether dpkg lists the package as installed (then it provides the command itself). */
function installedByDpkg(pkg) {
  try {
    return statSync(`/var/lib/dpkg/info/${pkg}.list`).isFile();
  } catch {
    return false;
  }
}

export const SYSTEM_PACKAGES = Object.freeze({
  start: Object.freeze([...start]),
  test: Object.freeze([...start, ...testOnly]),
});

/** @param {string} mode `start` or `test` */
export function systemPackagesFor(mode) {
  const list = SYSTEM_PACKAGES[mode];
  if (!list) {
    throw new Error(
      `unknown mode "${mode}" (expected ${Object.keys(SYSTEM_PACKAGES).join(' or ')})`,
    );
  }
  return withoutProvided([...list]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    console.log(systemPackagesFor(process.argv[2] ?? 'test').join('\n'));
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  }
}
