// Medium test: image data over real HTTP into real files (FsImageStore in a temp dir):
// uploads hash while streaming, the declared format is checked against the bytes, failed or
// interrupted uploads leave the image queued with no bytes kept, downloads stream with
// Content-MD5 and ranges.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { tempDir } from '@tinystack/testing';
import { ImagesRepository } from '../images/images.repository.js';
import { asyncOf } from '../testing/async-of.js';
import { json, patch, startTestImageService, type TestImageService } from '../testing/test-image-service.js';
import { UPLOAD_LEASE_MS } from './upload-lease.js';
import { UploadRecoveryService } from './upload-recovery.service.js';

const MAX = 4 * 1024 * 1024;
let t: TestImageService;
let alice: string;
const files = tempDir('image-data-');

before(async () => {
  t = await startTestImageService({ maxSize: MAX });
  alice = t.tokens.member('alice');
});
after(async () => {
  await t.close();
  files.cleanup();
});

type Image = Record<string, unknown> & { id: string; status: string };

async function create(body: Record<string, unknown> = {}, token = alice): Promise<Image> {
  const res = await t.request('/v2/images', { method: 'POST', token, ...json({ disk_format: 'raw', container_format: 'bare', ...body }) });
  return (await res.json()) as Image;
}

const upload = (id: string, body: string | Buffer, headers: Record<string, string> = {}, token = alice) =>
  t.request(`/v2/images/${id}/file`, { method: 'PUT', token, body, headers: { 'Content-Type': 'application/octet-stream', ...headers } });

const get = async (id: string, token = alice) => (await (await t.request(`/v2/images/${id}`, { token })).json()) as Image;

/** Stored image files (no temporary leftovers either). */
const stored = () => (existsSync(t.blobDir) ? readdirSync(t.blobDir) : []);
const hasData = (id: string) => stored().some((k) => k.startsWith(`${id}.`));

const hex = (algo: string, data: Buffer) => createHash(algo).update(data).digest('hex');

test('an upload makes the image active with Glance checksums, and downloads give the same bytes', async () => {
  const data = randomBytes(1024 * 1024 + 17);
  const img = await create();
  const res = await upload(img.id, data);
  assert.equal(res.status, 204);
  const after = await get(img.id);
  assert.equal(after.status, 'active');
  assert.equal(after['size'], data.length);
  assert.equal(after['virtual_size'], data.length);
  assert.equal(after['checksum'], hex('md5', data));
  assert.equal(after['os_hash_algo'], 'sha512');
  assert.equal(after['os_hash_value'], hex('sha512', data));
  const dl = await t.request(`/v2/images/${img.id}/file`, { token: alice });
  assert.equal(dl.status, 200);
  assert.equal(dl.headers.get('content-md5'), hex('md5', data));
  assert.equal(dl.headers.get('content-type'), 'application/octet-stream');
  assert.equal(dl.headers.get('content-length'), String(data.length));
  assert.ok(Buffer.from(await dl.arrayBuffer()).equals(data));
  const part = await t.request(`/v2/images/${img.id}/file`, { token: alice, headers: { Range: 'bytes=100-199' } });
  assert.equal(part.status, 206);
  assert.equal(part.headers.get('content-range'), `bytes 100-199/${data.length}`);
  assert.ok(Buffer.from(await part.arrayBuffer()).equals(data.subarray(100, 200)));
  const tail = await t.request(`/v2/images/${img.id}/file`, { token: alice, headers: { Range: 'bytes=-10' } });
  assert.ok(Buffer.from(await tail.arrayBuffer()).equals(data.subarray(-10)));
  const bad = await t.request(`/v2/images/${img.id}/file`, { token: alice, headers: { Range: `bytes=${data.length}-` } });
  assert.equal(bad.status, 416);
  assert.equal(bad.headers.get('content-range'), `bytes */${data.length}`);
  assert.equal((await upload(img.id, Buffer.from('again'))).status, 409, 'only a queued image takes data');
});

test('a real qcow2 is accepted with its virtual size; a chunked upload works', async () => {
  const path = join(files.path, 'disk.qcow2');
  execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', path, '64M']);
  const img = await create({ disk_format: 'qcow2' });
  const body = new Blob([readFileSync(path)]).stream();
  const res = await t.request(`/v2/images/${img.id}/file`, {
    method: 'PUT',
    token: alice,
    body,
    headers: { 'Content-Type': 'application/octet-stream' },
    duplex: 'half',
  });
  assert.equal(res.status, 204, await res.clone().text());
  const after = await get(img.id);
  assert.equal(after['virtual_size'], 64 * 1024 * 1024);
  assert.equal(after['size'], readFileSync(path).length);
});

test('data that is not the declared format, or an unsafe qcow2, is refused: queued, no bytes kept', async () => {
  const base = join(files.path, 'base.raw');
  const backed = join(files.path, 'backed.qcow2');
  execFileSync('qemu-img', ['create', '-q', '-f', 'raw', base, '1M']);
  execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', '-b', base, '-F', 'raw', backed]);
  const before = stored();
  for (const [format, data, message] of [
    ['qcow2', randomBytes(4096), /disk_format is qcow2, but the data was detected as raw/],
    ['raw', readFileSync(backed), /detected as qcow2/],
    ['qcow2', readFileSync(backed), /qcow2 image has a backing file/],
  ] as const) {
    const img = await create({ disk_format: format });
    const res = await upload(img.id, data, { Accept: 'application/json' });
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { message: string }).message, message);
    assert.equal((await get(img.id)).status, 'queued');
  }
  assert.deepEqual(stored(), before);
});

test('wrong content type is 415, missing formats 400, another project 403 — the image stays queued', async () => {
  const img = await create();
  assert.equal((await upload(img.id, 'x', { 'Content-Type': 'application/json' })).status, 415);
  const noFormat = await create({ disk_format: null });
  assert.equal((await upload(noFormat.id, 'x')).status, 400);
  const community = await create({ visibility: 'community' });
  assert.equal((await upload(community.id, 'x', {}, t.tokens.member('bob'))).status, 403);
  for (const i of [img, noFormat, community]) {
    assert.equal((await get(i.id)).status, 'queued');
  }
});

test('uploads beyond IMAGE_MAX_SIZE are 413, announced or streamed', async () => {
  const before = stored();
  const announced = await create();
  assert.equal((await upload(announced.id, Buffer.alloc(MAX + 1))).status, 413);
  const streamed = await create();
  const body = new Blob([Buffer.alloc(MAX + 1)]).stream();
  const res = await t.request(`/v2/images/${streamed.id}/file`, {
    method: 'PUT',
    token: alice,
    body,
    headers: { 'Content-Type': 'application/octet-stream' },
    duplex: 'half',
  }).catch(() => undefined);
  assert.ok(!res || res.status === 413);
  assert.equal((await get(streamed.id)).status, 'queued');
  assert.equal((await get(announced.id)).status, 'queued');
  assert.deepEqual(stored(), before);
});

test('an upload cut off by the client leaves the image queued and no bytes', async () => {
  const before = stored();
  const img = await create();
  await new Promise<void>((resolve) => {
    const req = httpRequest(`${t.url}/v2/images/${img.id}/file`, {
      method: 'PUT',
      headers: { 'X-Auth-Token': alice, 'Content-Type': 'application/octet-stream', 'Content-Length': String(MAX) },
    });
    req.on('error', () => resolve());
    req.write(Buffer.alloc(256 * 1024), () => setTimeout(() => req.destroy(), 100));
  });
  for (let i = 0; i < 50 && (await get(img.id)).status !== 'queued'; i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal((await get(img.id)).status, 'queued');
  assert.deepEqual(stored(), before);
});

test('an upload left saving by a stopped process is reset, and unreferenced bytes are swept', async () => {
  const img = await create();
  const repo = t.svc.app.get(ImagesRepository);
  await t.store.put(img.id, asyncOf([Buffer.from('partial')]));
  await repo.transition(img.id, ['queued'], { status: 'saving', updatedAt: Date.now() });
  const recovery = t.svc.app.get(UploadRecoveryService);
  await recovery.sweep();
  assert.equal((await get(img.id)).status, 'saving', 'a fresh lease is left alone');
  await recovery.sweep(Date.now() + UPLOAD_LEASE_MS + 1);
  assert.equal((await get(img.id)).status, 'queued');
  assert.ok(!stored().includes(img.id), 'the bytes nothing refers to are gone');
});

test('queued images download as 204; deleting an image deletes its bytes', async () => {
  const img = await create();
  assert.equal((await t.request(`/v2/images/${img.id}/file`, { token: alice })).status, 204);
  await upload(img.id, Buffer.from('bytes'));
  assert.ok(hasData(img.id));
  assert.equal((await t.request(`/v2/images/${img.id}`, { method: 'DELETE', token: alice })).status, 204);
  assert.ok(!hasData(img.id));
});

test('a deactivated image downloads for admins only, and reactivates', async () => {
  const img = await create();
  await upload(img.id, Buffer.from('data'));
  assert.equal((await t.request(`/v2/images/${img.id}/actions/deactivate`, { method: 'POST', token: alice })).status, 204);
  assert.equal((await get(img.id)).status, 'deactivated');
  assert.equal((await t.request(`/v2/images/${img.id}/actions/deactivate`, { method: 'POST', token: alice })).status, 204);
  assert.equal((await t.request(`/v2/images/${img.id}/file`, { token: alice })).status, 403);
  assert.equal((await t.request(`/v2/images/${img.id}/file`, { token: t.tokens.admin() })).status, 200);
  const renamed = await t.request(`/v2/images/${img.id}`, { token: alice, ...patch([{ op: 'replace', path: '/name', value: 'still editable' }]) });
  assert.equal(renamed.status, 200);
  assert.equal((await t.request(`/v2/images/${img.id}/actions/reactivate`, { method: 'POST', token: alice })).status, 204);
  assert.equal((await t.request(`/v2/images/${img.id}/file`, { token: alice })).status, 200);
  const formats = await t.request(`/v2/images/${img.id}`, { token: alice, ...patch([{ op: 'replace', path: '/disk_format', value: 'qcow2' }]) });
  assert.equal(formats.status, 403, 'disk_format changes only while queued');
});
