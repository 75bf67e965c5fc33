// Medium test: the interoperable import (stage, then import with glance-direct) over real
// HTTP into real files.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { json, startTestImageService, type TestImageService } from '../testing/test-image-service.js';

let t: TestImageService;
let alice: string;

before(async () => {
  t = await startTestImageService();
  alice = t.tokens.member('alice');
});
after(() => t.close());

async function create(body: Record<string, unknown> = {}): Promise<string> {
  const res = await t.request('/v2/images', { method: 'POST', token: alice, ...json({ disk_format: 'raw', container_format: 'bare', ...body }) });
  return ((await res.json()) as { id: string }).id;
}

const stage = (id: string, data: Buffer) =>
  t.request(`/v2/images/${id}/stage`, { method: 'PUT', token: alice, body: data, headers: { 'Content-Type': 'application/octet-stream' } });
const importImage = (id: string, body: unknown = { method: { name: 'glance-direct' } }) =>
  t.request(`/v2/images/${id}/import`, { method: 'POST', token: alice, ...json(body) });
const status = async (id: string) => ((await (await t.request(`/v2/images/${id}`, { token: alice })).json()) as { status: string }).status;

test('discovery lists glance-direct and the one store', async () => {
  const info = (await (await t.request('/v2/info/import', { token: alice })).json()) as Record<string, { value: string[] }>;
  assert.deepEqual(info['import-methods']?.value, ['glance-direct']);
  const stores = (await (await t.request('/v2/info/stores', { token: alice })).json()) as { stores: Array<{ id: string; default: boolean }> };
  assert.deepEqual(stores.stores.map((s) => [s.id, s.default]), [['object-store', true]]);
});

test('stage then import: queued → uploading → active with the staged checksums', async () => {
  const data = randomBytes(300_000);
  const id = await create();
  assert.equal((await stage(id, data)).status, 204);
  assert.equal(await status(id), 'uploading');
  const res = await importImage(id);
  assert.equal(res.status, 202);
  assert.equal(await res.text(), '');
  const img = (await (await t.request(`/v2/images/${id}`, { token: alice })).json()) as Record<string, unknown>;
  assert.equal(img['status'], 'active');
  assert.equal(img['size'], data.length);
  assert.equal(img['checksum'], createHash('md5').update(data).digest('hex'));
  assert.equal(img['os_hash_value'], createHash('sha512').update(data).digest('hex'));
  const dl = await t.request(`/v2/images/${id}/file`, { token: alice });
  assert.ok(Buffer.from(await dl.arrayBuffer()).equals(data));
  assert.equal((await importImage(id)).status, 409, 'nothing staged any more');
});

test('import without staging is 409; unknown methods and stores are 400; staging twice is 409', async () => {
  const id = await create();
  assert.equal((await importImage(id)).status, 409);
  assert.equal((await importImage(id, { method: { name: 'web-download', uri: 'http://x' } })).status, 400);
  assert.equal((await importImage(id, {})).status, 400);
  assert.equal((await importImage(id, { method: { name: 'glance-direct' }, stores: ['elsewhere'] })).status, 400);
  await stage(id, Buffer.from('data'));
  assert.equal((await stage(id, Buffer.from('data'))).status, 409);
  assert.equal((await importImage(id, { method: { name: 'glance-direct' }, stores: ['object-store'] })).status, 202);
});

test('a staged image that fails inspection goes back to queued with nothing kept', async () => {
  const id = await create({ disk_format: 'qcow2' });
  const before = existsSync(t.blobDir) ? readdirSync(t.blobDir) : [];
  assert.equal((await stage(id, randomBytes(2048))).status, 400);
  assert.equal(await status(id), 'queued');
  assert.deepEqual(readdirSync(t.blobDir), before);
});

test('deleting a staged image deletes the staged bytes', async () => {
  const id = await create();
  await stage(id, Buffer.from('staged'));
  const staged = () => readdirSync(t.blobDir).some((k) => k.startsWith(`${id}.`));
  assert.ok(staged());
  assert.equal((await t.request(`/v2/images/${id}`, { method: 'DELETE', token: alice })).status, 204);
  assert.ok(!staged());
});
