import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { tempDir } from '@tinystack/testing';
import { assertBlobKey, freshBlobKey } from './blob-store.js';
import { describeBlobStore } from './blob-store.contract.js';
import { FsBlobStore } from './fs-blob-store.js';

const dir = tempDir('blob-fs-');
after(() => dir.cleanup());

describeBlobStore('fs (local filesystem)', () => Promise.resolve(new FsBlobStore(join(dir.path, 'contract'))));

test('kill -9 in the middle of a PUT leaves the previous blob intact and no temp file', async () => {
  const root = join(dir.path, 'crash');
  const store = new FsBlobStore(root);
  await store.init();
  await store.put('victim', Readable.from([Buffer.from('the old bytes')]));
  const writer = fileURLToPath(new URL('./fs-crash-writer.js', import.meta.url));
  const child = spawn(process.execPath, [writer, root, 'victim'], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('writing') && resolve());
    child.once('exit', (code) => reject(new Error(`writer exited early (${code})`)));
  });
  const tmp = readdirSync(join(root, 'tmp'));
  assert.equal(tmp.length, 1, 'the interrupted write is in a temp file');
  assert.ok(statSync(join(root, 'tmp', tmp[0] ?? '')).size >= 1024 * 1024, 'and has bytes in it');
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  const reopened = new FsBlobStore(root);
  assert.equal((await buffer(await reopened.get('victim'))).toString(), 'the old bytes');
  await reopened.init();
  assert.deepEqual(readdirSync(join(root, 'tmp')), [], 'init() clears leftovers');
  assert.equal((await buffer(await reopened.get('victim'))).toString(), 'the old bytes');
});

test('a reader keeps its bytes while the key is overwritten', async () => {
  const store = new FsBlobStore(join(dir.path, 'reader'));
  await store.init();
  await store.put('k', Readable.from([Buffer.alloc(3 << 20, 1)]));
  const reading = await store.get('k');
  await store.put('k', Readable.from([Buffer.from('new')]));
  const got = await buffer(reading);
  assert.equal(got.length, 3 << 20);
  assert.equal(got[0], 1);
});

test('freshBlobKey: keys of one second share a fan-out directory; other keys stay where their hash puts them', async () => {
  const root = join(dir.path, 'placement');
  const store = new FsBlobStore(root);
  await store.init();
  const second = Date.UTC(2026, 0, 1, 0, 0, 0xab);
  const keys = [freshBlobKey('o/', second), freshBlobKey('o/', second + 999)];
  assert.match(keys[0] ?? '', /^o\/[0-9a-f-]{36}@ab$/);
  assert.notEqual(keys[0], keys[1]);
  assert.equal(freshBlobKey('o/', second + 1000).slice(-3), '@ac');
  for (const k of [...keys, 'legacy/key']) {
    await store.put(k, Readable.from([Buffer.from(k)]), { size: Buffer.byteLength(k) });
    assert.equal((await buffer(await store.get(k))).toString(), k);
  }
  const hashed = (k: string) => createHash('sha256').update(k).digest('hex');
  assert.deepEqual(readdirSync(join(root, 'data', 'ab')).sort(), keys.map(hashed).sort());
  const legacy = hashed('legacy/key');
  assert.deepEqual(readdirSync(join(root, 'data', legacy.slice(0, 2))), [legacy]);
  assert.throws(() => assertBlobKey('o/x@AB'), /Invalid blob key/);
  assert.throws(() => assertBlobKey('o/x@abc'), /Invalid blob key/);
});
