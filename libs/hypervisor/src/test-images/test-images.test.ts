import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { BOOT_SECTOR_LINE, bootSectorImage } from './boot-sector.js';
import { cpioNewc, initramfs } from './initramfs.js';
import { dependsOf } from './kernel-modules.js';

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
