// Medium test: real disk images made by qemu-img (and genisoimage), streamed through the
// inspector in small chunks, with qemu-img's own virtual size as the oracle.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { tempDir } from '@tinystack/testing';
import type { DiskFormat } from '../images/image.model.js';
import { DataInspector, type InspectionResult } from './data-inspector.js';
import { ImageFormatMismatch, UnsafeImage } from './format-inspection.errors.js';

const dir = tempDir('inspect-');
after(() => dir.cleanup());

const file = (name: string) => join(dir.path, name);
const qemuImg = (...args: string[]) => execFileSync('qemu-img', args, { stdio: ['ignore', 'pipe', 'pipe'] });
/** What qemu itself reads as the virtual size, told the format (a fixed VHD probes as raw). */
const qemuVirtualSize = (path: string, format?: string) =>
  (JSON.parse(qemuImg('info', '--output=json', ...(format ? ['-f', format] : []), path).toString()) as {
    'virtual-size': number;
  })['virtual-size'];

async function inspect(path: string, declared: DiskFormat, chunk = 1000): Promise<InspectionResult> {
  const inspector = new DataInspector(declared);
  for await (const _ of inspector.tap(createReadStream(path, { highWaterMark: chunk }))) {
    // consume
  }
  return inspector.finish();
}

function make(name: string, ...args: string[]): string {
  qemuImg('create', ...args, file(name));
  return file(name);
}

test('raw data is raw, and only raw-like formats accept it', async () => {
  writeFileSync(file('disk.raw'), randomBytes(1024 * 1024));
  assert.deepEqual(await inspect(file('disk.raw'), 'raw'), { virtualSize: 1024 * 1024 });
  assert.deepEqual(await inspect(file('disk.raw'), 'ami'), { virtualSize: 1024 * 1024 });
  await assert.rejects(inspect(file('disk.raw'), 'qcow2'), ImageFormatMismatch);
  await assert.rejects(inspect(file('disk.raw'), 'vmdk'), ImageFormatMismatch);
});

test('a qcow2 is accepted as qcow2 with its virtual size, refused as raw', async () => {
  const path = make('plain.qcow2', '-f', 'qcow2', '-q', '-o', 'size=10M');
  assert.deepEqual(await inspect(path, 'qcow2'), { virtualSize: qemuVirtualSize(path) });
  await assert.rejects(inspect(path, 'raw'), /detected as qcow2/);
  const v2 = make('v2.qcow2', '-f', 'qcow2', '-q', '-o', 'compat=0.10', '-o', 'size=5M');
  assert.deepEqual(await inspect(v2, 'qcow2'), { virtualSize: 5 * 1024 * 1024 });
});

test('a qcow2 with a backing file or an external data file is refused', async () => {
  const base = make('base.raw', '-f', 'raw', '-q', '-o', 'size=1M');
  const backed = make('backed.qcow2', '-f', 'qcow2', '-q', '-b', base, '-F', 'raw');
  await assert.rejects(inspect(backed, 'qcow2'), (e: unknown) => e instanceof UnsafeImage && /backing file/.test(e.message));
  const external = make('external.qcow2', '-f', 'qcow2', '-q', '-o', `data_file=${file('external.data')}`, '-o', 'size=1M');
  await assert.rejects(inspect(external, 'qcow2'), /external data file/);
  await assert.rejects(inspect(backed, 'raw'), ImageFormatMismatch);
});

test('an unsafe qcow2 aborts the stream at its header, not at the end', async () => {
  const base = make('base2.raw', '-f', 'raw', '-q', '-o', 'size=1M');
  const backed = make('backed2.qcow2', '-f', 'qcow2', '-q', '-b', base, '-F', 'raw');
  const inspector = new DataInspector('qcow2');
  let seen = 0;
  await assert.rejects(async () => {
    for await (const c of inspector.tap(createReadStream(backed, { highWaterMark: 256 }))) {
      seen += c.length;
    }
  }, UnsafeImage);
  assert.ok(seen < 1024, `stopped after ${seen} bytes`);
});

test('VMDK: monolithicSparse and streamOptimized pass; descriptors and foreign extents do not', async () => {
  const sparse = make('sparse.vmdk', '-f', 'vmdk', '-q', '-o', 'size=20M');
  assert.deepEqual(await inspect(sparse, 'vmdk'), { virtualSize: qemuVirtualSize(sparse) });
  const stream = make('stream.vmdk', '-f', 'vmdk', '-q', '-o', 'subformat=streamOptimized', '-o', 'size=20M');
  assert.deepEqual(await inspect(stream, 'vmdk'), { virtualSize: qemuVirtualSize(stream) });
  const flat = make('flat.vmdk', '-f', 'vmdk', '-q', '-o', 'subformat=monolithicFlat', '-o', 'size=1M');
  await assert.rejects(inspect(flat, 'vmdk'), ImageFormatMismatch);
  const evil = readFileSync(sparse);
  const at = evil.indexOf('RW 40960 SPARSE "sparse.vmdk"');
  assert.ok(at > 0);
  evil.write('RW 40960 FLAT "/etc/passwd" 0 ', at, 'latin1');
  writeFileSync(file('evil.vmdk'), evil);
  await assert.rejects(inspect(file('evil.vmdk'), 'vmdk'), /extent refers to another file/);
});

test('VHD (dynamic and fixed), VHDX and VDI report their virtual size', async () => {
  for (const [name, fmt, opts] of [
    ['dyn.vhd', 'vpc', []],
    ['fixed.vhd', 'vpc', ['-o', 'subformat=fixed']],
    ['disk.vhdx', 'vhdx', []],
    ['disk.vdi', 'vdi', []],
  ] as const) {
    const path = make(name, '-f', fmt, '-q', ...opts, '-o', 'size=8M');
    const declared: DiskFormat = fmt === 'vpc' ? 'vhd' : fmt;
    assert.deepEqual(await inspect(path, declared, 4096), { virtualSize: qemuVirtualSize(path, fmt) }, name);
    if (name !== 'fixed.vhd') {
      await assert.rejects(inspect(path, 'raw'), ImageFormatMismatch, name);
    }
  }
});

test('an ISO 9660 image is an iso, and harmless as raw', async () => {
  writeFileSync(file('hello.txt'), 'hello');
  execFileSync('genisoimage', ['-quiet', '-o', file('disk.iso'), file('hello.txt')]);
  const size = readFileSync(file('disk.iso')).length;
  assert.deepEqual(await inspect(file('disk.iso'), 'iso'), { virtualSize: size });
  assert.deepEqual(await inspect(file('disk.iso'), 'raw'), { virtualSize: size });
  await assert.rejects(inspect(file('disk.raw'), 'iso'), ImageFormatMismatch);
});
