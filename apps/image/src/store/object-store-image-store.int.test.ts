// Medium test: the object-store-backed ImageStore against the real object storage service,
// started as a process (`node apps/object-store/dist/main.js`): an app cannot import
// another app. Both services verify tokens against a stand-in identity gRPC server that
// signs them as identity does (the whole-cloud e2e suite uses the real identity). Also the
// image service in this process storing through it: bytes in the service project's
// container, deleted with the image, none left by a failed upload.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createIdentityClient, ServiceTokenProvider } from '@tinystack/auth';
import { objectstoreV1 } from '@tinystack/contracts';
import { createServiceClient } from '@tinystack/grpc';
import { tempDir } from '@tinystack/testing';
import { UPLOAD_LEASE_MS } from '../image-data/upload-lease.js';
import { UploadRecoveryService } from '../image-data/upload-recovery.service.js';
import { asyncOf } from '../testing/async-of.js';
import { startIdentityStandIn, makeTokenSigner } from '@tinystack/auth/testing';
import { startObjectStoreProcess, type ObjectStoreProcess } from '../testing/object-store-process.js';
import { json, startTestImageService, type TestImageService } from '../testing/test-image-service.js';
import { describeImageStore } from './image-store.contract.js';
import { ObjectStoreImageStore } from './object-store-image-store.js';

const PASSWORD = 'service-secret';
const signer = makeTokenSigner();
const dir = tempDir('image-objstore-');
let identity: Awaited<ReturnType<typeof startIdentityStandIn>>;
let objectStore: ObjectStoreProcess;
let store: ObjectStoreImageStore;

before(async () => {
  identity = await startIdentityStandIn(signer, PASSWORD);
  objectStore = await startObjectStoreProcess({ identityGrpcUrl: identity.url, servicePassword: PASSWORD, dataDir: dir.path });
  const tokens = new ServiceTokenProvider(createIdentityClient(identity.url).client, { name: 'image', password: PASSWORD });
  const { client } = createServiceClient(objectstoreV1.ObjectStoreServiceDefinition, objectStore.grpcUrl);
  store = new ObjectStoreImageStore(client, tokens, 'images');
});
after(async () => {
  await objectStore?.stop();
  await identity?.server.shutdown();
  dir.cleanup();
});

describeImageStore('ObjectStoreImageStore', () => Promise.resolve(store));

describe('the image service storing through the object store', () => {
  let t: TestImageService;
  let alice: string;
  const objects = async () => {
    const { client } = createServiceClient(objectstoreV1.ObjectStoreServiceDefinition, objectStore.grpcUrl);
    const token = signer.sign({ projectId: 'service', userName: 'image', roles: [{ id: 'a', name: 'admin' }] });
    const res = await client.listObjects({ account: '', container: 'images', prefix: '', marker: '', endMarker: '', delimiter: '', limit: 0 }, { token });
    return res.items.map((i) => i.object?.name);
  };

  before(async () => {
    t = await startTestImageService({ store });
    alice = t.tokens.member('alice');
  });
  after(() => t.close());

  test('upload, download and delete go through the image container of the service project', async () => {
    const data = randomBytes(2 * 1024 * 1024 + 1);
    const res = await t.request('/v2/images', { method: 'POST', token: alice, ...json({ disk_format: 'raw', container_format: 'bare' }) });
    const { id } = (await res.json()) as { id: string };
    const up = await t.request(`/v2/images/${id}/file`, { method: 'PUT', token: alice, body: data, headers: { 'Content-Type': 'application/octet-stream' } });
    assert.equal(up.status, 204);
    assert.ok((await objects()).some((k) => k?.startsWith(`${id}.`)));
    const dl = await t.request(`/v2/images/${id}/file`, { token: alice });
    assert.ok(Buffer.from(await dl.arrayBuffer()).equals(data));
    assert.equal((await t.request(`/v2/images/${id}`, { method: 'DELETE', token: alice })).status, 204);
    assert.ok(!(await objects()).some((k) => k?.startsWith(`${id}.`)));
  });

  test('a refused upload leaves the image queued and no object', async () => {
    const res = await t.request('/v2/images', { method: 'POST', token: alice, ...json({ disk_format: 'qcow2', container_format: 'bare' }) });
    const { id } = (await res.json()) as { id: string };
    const up = await t.request(`/v2/images/${id}/file`, { method: 'PUT', token: alice, body: randomBytes(1024 * 1024), headers: { 'Content-Type': 'application/octet-stream' } });
    assert.equal(up.status, 400);
    const img = (await (await t.request(`/v2/images/${id}`, { token: alice })).json()) as { status: string };
    assert.equal(img.status, 'queued');
    assert.ok(!(await objects()).some((k) => k?.startsWith(`${id}.`)));
  });

  test('bytes no image refers to (a late or cut-off upload) are swept once older than a lease', async () => {
    await store.put('0rphan.abc', asyncOf([Buffer.from('left behind')]));
    const recovery = t.svc.app.get(UploadRecoveryService);
    await recovery.sweep();
    assert.ok((await objects()).includes('0rphan.abc'), 'fresh bytes may belong to an upload finishing now');
    await recovery.sweep(Date.now() + UPLOAD_LEASE_MS + 60_000);
    assert.ok(!(await objects()).includes('0rphan.abc'));
  });

  test('the health check covers the object store', async () => {
    const health = (await (await fetch(`${t.url}/healthz`)).json()) as { checks: Record<string, string> };
    assert.equal(health.checks['object-store'], 'ok');
  });
});
