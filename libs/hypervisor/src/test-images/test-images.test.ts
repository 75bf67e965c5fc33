import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { BOOT_SECTOR_LINE, bootSectorImage } from './boot-sector.js';
import { parseReadelf } from './elf-closure.js';
import { cpioNewc, initramfs, withParents } from './initramfs.js';
import { dependsOf } from './kernel-modules.js';
import { netGuestAddresses } from './test-images.js';

test('the boot sector is 512 bytes, ends in 55 aa and carries its line', () => {
  const img = bootSectorImage();
  assert.equal(img.length, 512);
  assert.equal(img[510], 0x55);
  assert.equal(img[511], 0xaa);
  assert.ok(img.includes(Buffer.from(`${BOOT_SECTOR_LINE}\r\n\0`)));
  assert.equal(img[0], 0xfa, 'starts with cli');
  assert.throws(() => bootSectorImage('x'.repeat(600)), /more than 510/);
  assert.throws(() => bootSectorImage('bad\nline'), /printable/);
});

test('cpio newc: aligned headers, names, data and the trailer', () => {
  const a = cpioNewc([
    { type: 'dir', path: 'bin' },
    { type: 'file', path: '/init', data: Buffer.from('#!/bin/sh\n'), mode: 0o755 },
    { type: 'symlink', path: 'bin/sh', target: 'busybox' },
    { type: 'chardev', path: 'dev/console', major: 5, minor: 1 },
  ]);
  assert.equal(a.length % 4, 0);
  assert.equal(a.subarray(0, 6).toString(), '070701');
  const text = a.toString('latin1');
  assert.ok(text.includes('init\0'));
  assert.ok(text.includes('#!/bin/sh\n'));
  assert.ok(text.includes('TRAILER!!!'));
  const fileHeader = text.indexOf('070701', 6);
  assert.equal(
    parseInt(text.slice(fileHeader + 14, fileHeader + 22), 16),
    0o100755,
    'mode of /init',
  );
  assert.deepEqual(
    gunzipSync(initramfs([{ type: 'dir', path: 'x' }])),
    cpioNewc([{ type: 'dir', path: 'x' }]),
  );
});

test('module dependencies come from .modinfo depends=', () => {
  const ko = Buffer.concat([
    Buffer.from('\x7fELF....'),
    Buffer.from('\0license=GPL\0depends=scsi_mod,cdrom,scsi-common\0name=sr_mod\0'),
  ]);
  assert.deepEqual(dependsOf(ko), ['scsi_mod', 'cdrom', 'scsi_common']);
  assert.deepEqual(dependsOf(Buffer.from('\0depends=\0')), []);
});

test('withParents adds missing directories once, before their first entry', () => {
  const out = withParents([
    { type: 'dir', path: 'etc' },
    { type: 'file', path: 'etc/a/b/c', data: Buffer.from('') },
    { type: 'symlink', path: 'etc/a/d', target: 'b/c' },
    { type: 'file', path: 'lib64/x', data: Buffer.from('') },
  ]);
  assert.deepEqual(
    out.map((e) => `${e.type}:${e.path}`),
    [
      'dir:etc',
      'dir:etc/a',
      'dir:etc/a/b',
      'file:etc/a/b/c',
      'symlink:etc/a/d',
      'dir:lib64',
      'file:lib64/x',
    ],
  );
});

test('readelf output: NEEDED sonames and the program interpreter', () => {
  const text = [
    '      [Requesting program interpreter: /lib64/ld-linux-x86-64.so.2]',
    ' 0x0000000000000001 (NEEDED)             Shared library: [libz.so.1]',
    ' 0x0000000000000001 (NEEDED)             Shared library: [libc.so.6]',
  ].join('\n');
  assert.deepEqual(parseReadelf(text), {
    needed: ['libz.so.1', 'libc.so.6'],
    interpreter: '/lib64/ld-linux-x86-64.so.2',
  });
  assert.deepEqual(parseReadelf('no dynamic section'), { needed: [] });
});

test('json-flat.awk flattens compact and pretty network_data.json alike', () => {
  const awk = join(
    dirname(fileURLToPath(import.meta.url)),
    '..',
    '..',
    'test-images',
    'json-flat.awk',
  );
  const doc = {
    links: [{ id: 'tap0', ethernet_mac_address: 'fa:16:3e:00:00:01', mtu: 1450 }],
    networks: [
      {
        link: 'tap0',
        type: 'ipv4',
        ip_address: '10.0.0.5',
        routes: [{ network: '0.0.0.0', gateway: '10.0.0.1' }],
      },
    ],
    services: [],
    public_keys: { 'my.key': 'ssh-ed25519 AAAA= a@b' },
    s: 'q"\\/\n',
    t: true,
    nil: null,
    empty: {},
  };
  const flat = (input: string) =>
    execFileSync('/usr/bin/awk', ['-f', awk], { input, encoding: 'utf8' });
  const compact = flat(JSON.stringify(doc));
  assert.equal(flat(JSON.stringify(doc, null, 2)), compact);
  assert.deepEqual(compact.trimEnd().split('\n'), [
    'links.0.id=tap0',
    'links.0.ethernet_mac_address=fa:16:3e:00:00:01',
    'links.0.mtu=1450',
    'networks.0.link=tap0',
    'networks.0.type=ipv4',
    'networks.0.ip_address=10.0.0.5',
    'networks.0.routes.0.network=0.0.0.0',
    'networks.0.routes.0.gateway=10.0.0.1',
    'public_keys.my_key=ssh-ed25519 AAAA= a@b',
    's=q"\\/\\n',
    't=true',
    'nil=null',
  ]);
});

test('netGuestAddresses reads the network console lines', () => {
  const log =
    'x\r\ntinystack-guest: network eth0 52:54:00:aa:bb:cc 10.1.2.3/24\r\n' +
    'tinystack-guest: network eth1 52:54:00:aa:bb:cd none\r\ntinystack-guest: ssh ready\r\n';
  assert.deepEqual(netGuestAddresses(log), [
    { iface: 'eth0', mac: '52:54:00:aa:bb:cc', address: '10.1.2.3/24' },
    { iface: 'eth1', mac: '52:54:00:aa:bb:cd', address: 'none' },
  ]);
});
