import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DataInspector } from './data-inspector.js';
import { ImageFormatMismatch, UnsafeImage } from './format-inspection.errors.js';
import { guidBytes } from './inspectors/vhdx.inspector.js';
import { Region } from './region.js';

function inspectBuffer(data: Buffer, declared: 'qcow2' | 'vhdx' | 'raw', chunk = 333) {
  const inspector = new DataInspector(declared);
  for (let off = 0; off < data.length; off += chunk) {
    inspector.feed(data.subarray(off, off + chunk));
  }
  return inspector.finish();
}

function qcow2Header(version: number, incompatible: bigint): Buffer {
  const h = Buffer.alloc(1024);
  h.write('QFI\xfb', 0, 'latin1');
  h.writeUInt32BE(version, 4);
  h.writeUInt32BE(16, 20);
  h.writeBigUInt64BE(1n << 30n, 24);
  h.writeBigUInt64BE(incompatible, 72);
  h.writeUInt32BE(104, 100);
  return h;
}

test('a region is filled from the chunks that overlap it', () => {
  const r = new Region(5, 4);
  r.feed(Buffer.from('abcdefg'), 0);
  assert.equal(r.isComplete, false);
  r.feed(Buffer.from('hijk'), 7);
  assert.equal(r.data?.toString(), 'fghi');
});

test('qcow2: unknown incompatible features and unknown versions are unsafe', () => {
  assert.deepEqual(inspectBuffer(qcow2Header(3, 0n), 'qcow2'), { virtualSize: 1 << 30 });
  assert.throws(() => inspectBuffer(qcow2Header(3, 1n << 9n), 'qcow2'), /unknown incompatible features/);
  assert.throws(() => inspectBuffer(qcow2Header(4, 0n), 'qcow2'), /version 4/);
  assert.throws(() => inspectBuffer(qcow2Header(3, 0n), 'raw'), ImageFormatMismatch);
});

function vhdx(parent: boolean): Buffer {
  const data = Buffer.alloc(1024 * 1024 + 64 * 1024 + 4096);
  data.write('vhdxfile', 0, 'latin1');
  const rt = 192 * 1024;
  data.write('regi', rt, 'latin1');
  data.writeUInt32LE(1, rt + 8);
  guidBytes('8B7CA206-4790-4B9A-B8FE-575F050F886E').copy(data, rt + 16);
  const meta = 1024 * 1024;
  data.writeBigUInt64LE(BigInt(meta), rt + 32);
  data.write('metadata', meta, 'latin1');
  const items: Array<[string, number]> = [
    ['2FA54224-CD1B-4876-B211-5DBED83BF4B8', 65536],
    ['CAA16737-FA36-4D43-B3B6-33F0AA44E76B', 65544],
    ...(parent ? ([['A8D35F2D-B30B-454D-ABF7-D3D84834AB0C', 65552]] as Array<[string, number]>) : []),
  ];
  data.writeUInt16LE(items.length, meta + 10);
  items.forEach(([guid, offset], i) => {
    const e = meta + 32 + i * 32;
    guidBytes(guid).copy(data, e);
    data.writeUInt32LE(offset, e + 16);
    data.writeUInt32LE(8, e + 20);
  });
  data.writeBigUInt64LE(5n << 30n, meta + 65536);
  data.writeUInt32LE(parent ? 0b10 : 0, meta + 65544 + 4);
  return data;
}

test('vhdx: the virtual size comes from the metadata region; a differencing disk is unsafe', () => {
  assert.deepEqual(inspectBuffer(vhdx(false), 'vhdx', 4096), { virtualSize: 5 * 2 ** 30 });
  assert.throws(() => inspectBuffer(vhdx(true), 'vhdx', 4096), UnsafeImage);
});
