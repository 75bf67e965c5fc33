// The object store in the whole cloud, driven by the real `openstack` and `swift` CLIs:
// containers and objects with byte-identical round trips, metadata, segmented uploads
// (DLO and SLO), a TempURL and a public container read over plain HTTP, bulk delete,
// and another project refused.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openstack, openstackFails, startCloud, type Cloud } from '../harness/index.js';
import { createProject, createUser, grant, passwordEnv, type IdRow, type OsEnv } from '../identity/identity.fixtures.js';
import { runSwift, swift } from './swift.cli.js';

const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');

let cloud: Cloud;
let work: string;
let alice: OsEnv;
let bob: OsEnv;
let aliceProject: IdRow;
before(async () => {
  cloud = await startCloud({ env: { TINYSTACK_SERVICES: process.env['TINYSTACK_SERVICES'] ?? 'identity,object-store' } });
  work = mkdtempSync(join(tmpdir(), 'e2e-object-store-'));
  aliceProject = await createProject(cloud.env, 'alpha');
  await createProject(cloud.env, 'beta');
  await createUser(cloud.env, 'alice', 'alice-pass-1', 'alpha');
  await createUser(cloud.env, 'bob', 'bob-pass-1', 'beta');
  await grant(cloud.env, 'member', 'alice', 'alpha');
  await grant(cloud.env, 'member', 'bob', 'beta');
  alice = { ...passwordEnv(cloud, 'alice', 'alice-pass-1', 'alpha'), OS_AUTH_VERSION: '3' };
  bob = { ...passwordEnv(cloud, 'bob', 'bob-pass-1', 'beta'), OS_AUTH_VERSION: '3' };
});
after(async () => {
  rmSync(work ?? '/nonexistent', { recursive: true, force: true });
  await cloud?.stop();
});

/** `http://host:port` of the object store (cloud.urls.objectStore ends in /v1). */
const origin = () => cloud.urls.objectStore.replace(/\/v1$/, '');
const account = () => `${origin()}/v1/AUTH_${aliceProject.id}`;

test('openstack container and object commands round-trip bytes and metadata', async () => {
  const file = join(work, 'hello.bin');
  const data = randomBytes(200_000);
  writeFileSync(file, data);
  await openstack(['container', 'create', 'docs'], alice);
  assert.ok((await openstack<Array<{ Name: string }>>(['container', 'list'], alice)).some((c) => c.Name === 'docs'));
  await openstack(['object', 'create', 'docs', file, '--name', 'hello.bin'], alice);
  await openstack(['object', 'set', '--property', 'color=blue', 'docs', 'hello.bin'], alice);
  await openstack(['container', 'set', '--property', 'team=storage', 'docs'], alice);
  const show = await openstack<Record<string, unknown>>(['object', 'show', 'docs', 'hello.bin'], alice);
  assert.equal(show['content-length'], String(data.length));
  assert.equal(show['etag'], md5(data));
  assert.match(JSON.stringify(show['properties']), /color/i);
  const container = await openstack<Record<string, unknown>>(['container', 'show', 'docs'], alice);
  assert.equal(container['object_count'], '1');
  assert.match(JSON.stringify(container['properties']), /team/i);
  const objects = await openstack<Array<{ Name: string }>>(['object', 'list', 'docs'], alice);
  assert.deepEqual(objects.map((o) => o.Name), ['hello.bin']);
  const saved = join(work, 'saved.bin');
  await openstack(['object', 'save', '--file', saved, 'docs', 'hello.bin'], alice);
  assert.ok(readFileSync(saved).equals(data), 'byte-identical');
  await openstack(['object', 'delete', 'docs', 'hello.bin'], alice);
  await openstack(['container', 'delete', 'docs'], alice);
  assert.ok(!(await openstack<Array<{ Name: string }>>(['container', 'list'], alice)).some((c) => c.Name === 'docs'));
});

test('swift upload --segment-size: DLO and SLO both ways, byte-identical', async () => {
  const dir = mkdtempSync(join(work, 'seg-'));
  const data = randomBytes(5 * 1024 * 1024 + 123);
  writeFileSync(join(dir, 'big.bin'), data);
  await swift(['upload', '--segment-size', '1048576', 'dlo', 'big.bin'], alice, dir);
  await swift(['upload', '--use-slo', '--segment-size', '1048576', 'slo', 'big.bin'], alice, dir);
  assert.match(await swift(['stat', 'dlo', 'big.bin'], alice), /Manifest: dlo_segments\//);
  assert.match(await swift(['stat', 'slo', 'big.bin'], alice), /X-Static-Large-Object: True/i);
  assert.equal((await swift(['list', 'slo_segments'], alice)).trim().split('\n').length, 6);
  await swift(['download', 'dlo', 'big.bin', '-o', join(dir, 'dlo.out')], alice);
  await swift(['download', 'slo', 'big.bin', '-o', join(dir, 'slo.out')], alice);
  assert.ok(readFileSync(join(dir, 'dlo.out')).equals(data));
  assert.ok(readFileSync(join(dir, 'slo.out')).equals(data));
  await swift(['delete', 'slo', 'big.bin'], alice);
  assert.equal((await swift(['list', 'slo_segments'], alice)).trim(), '', 'SLO delete removes its segments');
});

test('a TempURL works over plain HTTP and is refused once expired', async () => {
  await swift(['upload', '--object-name', 'note.txt', 'temp', join(work, 'saved.bin')], alice);
  await swift(['post', '-m', 'Temp-URL-Key:e2e-secret'], alice);
  const path = `/v1/AUTH_${aliceProject.id}/temp/note.txt`;
  const url = (await swift(['tempurl', 'GET', '3', path, 'e2e-secret'], alice)).trim();
  const res = await fetch(`${origin()}${url}`);
  assert.equal(res.status, 200);
  assert.ok(Buffer.from(await res.arrayBuffer()).equals(readFileSync(join(work, 'saved.bin'))));
  await new Promise((r) => setTimeout(r, 4500));
  assert.equal((await fetch(`${origin()}${url}`)).status, 401);
  assert.equal((await fetch(`${account()}/temp/note.txt`)).status, 401, 'no token, no TempURL: refused');
});

test('a container ACL allows public reads without a token', async () => {
  await swift(['upload', '--object-name', 'index.html', 'public', join(work, 'saved.bin')], alice);
  assert.equal((await fetch(`${account()}/public/index.html`)).status, 401);
  await swift(['post', '--read-acl', '.r:*,.rlistings', 'public'], alice);
  assert.equal((await fetch(`${account()}/public/index.html`)).status, 200);
  assert.equal(await (await fetch(`${account()}/public`)).text(), 'index.html\n');
});

test('another project is refused; bulk delete empties a container', async () => {
  const run = await runSwift(['--os-storage-url', account(), 'list', 'public'], bob);
  assert.ok(!run.ok || run.stdout.trim() === 'index.html', 'public read ACL lets bob list it');
  const denied = await runSwift(['--os-storage-url', account(), 'list', 'dlo'], bob);
  assert.equal(denied.ok, false);
  assert.match(denied.stderr, /403 Forbidden/);
  assert.match(await openstackFails(['object', 'list', 'dlo'], bob), /404|not found|403|forbidden/i);
  const dir = mkdtempSync(join(work, 'many-'));
  for (let i = 0; i < 30; i++) {
    writeFileSync(join(dir, `f${i}`), `file ${i}`);
  }
  await swift(['upload', 'many', '.'], alice, dir);
  assert.equal((await swift(['list', 'many'], alice)).trim().split('\n').length, 30);
  await swift(['delete', 'many'], alice);
  assert.doesNotMatch(await swift(['list'], alice), /^many$/m);
});
