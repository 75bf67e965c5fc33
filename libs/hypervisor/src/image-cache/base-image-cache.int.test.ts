import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { tempDir } from '@tinystack/testing';
import { QemuImg } from '../disk/qemu-img.js';
import { BaseImageCache } from './base-image-cache.js';
import type { ImageSource, SourceImage } from './image-source.js';

/**
 * The base-image cache with real files and qemu-img. Images are served by a small
 * ImageSource over files made here (the image service cannot run in a lib's tests).
 */
const tmp = tempDir('image-cache-');
after(() => tmp.cleanup());

const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');

class FilesSource implements ImageSource {
  readonly opened: string[] = [];
  constructor(
    private readonly files: Record<string, { path: string; format: string; md5?: string }>,
  ) {}
  open(id: string): Promise<SourceImage> {
    const f = this.files[id];
    if (!f) {
      return Promise.reject(new Error('no such image'));
    }
    this.opened.push(id);
    const bytes = readFileSync(f.path);
    async function* stream() {
      for (let i = 0; i < bytes.length; i += 4096) {
        await Promise.resolve();
        yield bytes.subarray(i, i + 4096);
      }
    }
    return Promise.resolve({
      diskFormat: f.format,
      checksums: [{ algorithm: 'md5', value: f.md5 ?? md5(bytes) }],
      stream: stream(),
    });
  }
}

const ids = {
  raw: '11111111-1111-4111-8111-111111111111',
  qcow2: '22222222-2222-4222-8222-222222222222',
  backed: '33333333-3333-4333-8333-333333333333',
  lying: '44444444-4444-4444-8444-444444444444',
  corrupt: '55555555-5555-4555-8555-555555555555',
};

function makeImages() {
  const raw = `${tmp.path}/src.raw`;
  writeFileSync(raw, Buffer.alloc(64 * 1024, 7));
  const qcow2 = `${tmp.path}/src.qcow2`;
  execFileSync('/usr/bin/qemu-img', ['convert', '-q', '-f', 'raw', '-O', 'qcow2', raw, qcow2]);
  const backed = `${tmp.path}/backed.qcow2`;
  execFileSync('/usr/bin/qemu-img', [
    'create',
    '-q',
    '-f',
    'qcow2',
    '-b',
    '/etc/hostname',
    '-F',
    'raw',
    backed,
  ]);
  return new FilesSource({
    [ids.raw]: { path: raw, format: 'raw' },
    [ids.qcow2]: { path: qcow2, format: 'qcow2' },
    [ids.backed]: { path: backed, format: 'qcow2' },
    [ids.lying]: { path: qcow2, format: 'raw' },
    [ids.corrupt]: { path: raw, format: 'raw', md5: '0'.repeat(32) },
  });
}

const source = makeImages();
const cache = new BaseImageCache(`${tmp.path}/base`, source, new QemuImg());

test('an image is fetched once, verified and inspected; concurrent requests share the download', async () => {
  const [a, b] = await Promise.all([cache.ensure(ids.raw), cache.ensure(ids.raw)]);
  assert.deepEqual(a, b);
  assert.equal(a.format, 'raw');
  assert.equal(a.virtualSize, 64 * 1024);
  assert.equal((await cache.ensure(ids.raw)).path, `${tmp.path}/base/${ids.raw}`);
  assert.deepEqual(
    source.opened.filter((i) => i === ids.raw),
    [ids.raw],
  );
  assert.equal((await cache.ensure(ids.qcow2)).format, 'qcow2');
  assert.deepEqual((await cache.list()).sort(), [ids.raw, ids.qcow2].sort());
});

test('a checksum mismatch, a backing file or a lying format is refused and nothing stays in the cache', async () => {
  await assert.rejects(cache.ensure(ids.corrupt), {
    kind: 'bad_request',
    message: /md5 verification/,
  });
  await assert.rejects(cache.ensure(ids.backed), { kind: 'bad_request', message: /backing file/ });
  await assert.rejects(cache.ensure(ids.lying), {
    kind: 'bad_request',
    message: /declared raw but its content is qcow2/,
  });
  await assert.rejects(cache.ensure(ids.raw, [{ algorithm: 'md5', value: 'f'.repeat(32) }]), {
    kind: 'bad_request',
    message: /Conflicting md5/,
  });
  for (const id of [ids.corrupt, ids.backed, ids.lying]) {
    assert.ok(!existsSync(`${tmp.path}/base/${id}`));
  }
  assert.deepEqual(
    readdirSync(`${tmp.path}/base`).filter((n) => n.startsWith('.')),
    [],
    'no temp files left',
  );
  await assert.rejects(cache.ensure('../../etc/passwd'), { kind: 'bad_request' });
});

test('removing an image drops its data and manifest', async () => {
  await cache.remove(ids.qcow2);
  assert.ok(!existsSync(`${tmp.path}/base/${ids.qcow2}`));
  assert.ok(!(await cache.list()).includes(ids.qcow2));
});
