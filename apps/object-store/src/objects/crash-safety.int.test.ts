import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { tempDir } from '@tinystack/testing';
import { startServerProcess } from '../testing/server-process.js';
import { startTestIdentity, type TestIdentity } from '../testing/test-identity.js';

// A probe in Swift's sense: the real service process, killed with SIGKILL in the middle
// of an overwrite, then started again on the same data directory.
let identity: TestIdentity;
const dir = tempDir('object-store-crash-');
before(async () => {
  identity = await startTestIdentity();
});
after(async () => {
  await identity.close();
  dir.cleanup();
});

test('kill -9 during an overwriting PUT: after restart the old object is intact and no partial one shows', async () => {
  const token = identity.token();
  const first = await startServerProcess(dir.path, identity.url);
  const h = { 'X-Auth-Token': token };
  await fetch(`${first.base}/v1/AUTH_p1/c`, { method: 'PUT', headers: h });
  assert.equal((await fetch(`${first.base}/v1/AUTH_p1/c/o`, { method: 'PUT', headers: h, body: 'original bytes' })).status, 201);
  const url = new URL(`${first.base}/v1/AUTH_p1/c/o`);
  const req = request(url, { method: 'PUT', headers: { ...h, 'Content-Length': 20 * 1024 * 1024 } });
  req.on('error', () => undefined);
  req.write(Buffer.alloc(4 * 1024 * 1024, 0x41));
  const tmp = join(dir.path, 'object-store', 'blobs', 'tmp');
  for (let i = 0; i < 100 && readdirSync(tmp).length === 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal(readdirSync(tmp).length, 1, 'the new bytes are being written to a temp file');
  first.child.kill('SIGKILL');
  await new Promise((r) => first.child.once('exit', r));
  req.destroy();
  const second = await startServerProcess(dir.path, identity.url);
  try {
    const got = await fetch(`${second.base}/v1/AUTH_p1/c/o`, { headers: h });
    assert.equal(await got.text(), 'original bytes');
    const listing = (await (await fetch(`${second.base}/v1/AUTH_p1/c?format=json`, { headers: h })).json()) as Array<{ bytes: number }>;
    assert.deepEqual(listing.map((o) => o.bytes), [14]);
    assert.deepEqual(readdirSync(tmp), [], 'temp files of the interrupted write are gone');
  } finally {
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
  }
});
