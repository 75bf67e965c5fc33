// The Debian/Ubuntu packages tinystack needs, per bootstrap mode. The one list to edit
// when a service starts needing a system tool: add the package to the right set, with
// what uses it. tools/bootstrap.mjs and .ci/run install from here.
//
//   node tools/system-packages.mjs start|test   prints the packages of a mode, one a line

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
  'python3-openstackclient', // the `openstack` CLI that users (and e2e) point at tinystack
  'python3-swiftclient', // the `swift` CLI for object-store
];

/** Needed on top of `start` to run every test (`npm test`, .ci/run). */
const testOnly = [
  'postgresql', // medium tests run each dialect on a real PostgreSQL server
  'chromium', // e2e: the dashboard in a real browser
  // the S3 blob-store tests: OpenStack Swift with s3api is a real, signature-checking S3
  // server (apps/object-store/test-support/start-s3.sh, started by tools/run-tests.mjs)
  'swift',
  'swift-proxy',
  'swift-object',
  'swift-container',
  'swift-account',
  'curl', // start-s3.sh waits for the proxy with it
];

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
  return [...list];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    console.log(systemPackagesFor(process.argv[2] ?? 'test').join('\n'));
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  }
}
