import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { objectstoreV1 } from '@tinystack/contracts';
import { DomainError } from '@tinystack/errors';
import { createServiceClient, type Channel } from '@tinystack/grpc';
import { startTestApp, type TestApp } from '../testing/test-app.js';

const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');
const kind = (e: unknown) => (e instanceof DomainError ? e.kind : String(e));

async function* upload(header: Partial<objectstoreV1.PutObjectHeader>, data: Buffer, chunk = 256 * 1024) {
  yield await Promise.resolve({ header: { account: '', container: '', name: '', contentType: '', metadata: {}, etag: '', size: -1, deleteAt: 0, ...header } });
  for (let off = 0; off < data.length; off += chunk) {
    yield { chunk: data.subarray(off, off + chunk) };
  }
  yield { end: {} };
}

describe('objectstore gRPC API (real server and client on 127.0.0.1)', () => {
  let t: TestApp;
  let client: ReturnType<typeof createServiceClient<typeof objectstoreV1.ObjectStoreServiceDefinition>>['client'];
  let channel: Channel;
  let token: string;
  before(async () => {
    t = await startTestApp();
    ({ client, channel } = createServiceClient(objectstoreV1.ObjectStoreServiceDefinition, t.grpcUrl));
    token = t.identity.token();
  });
  after(async () => {
    channel.close();
    await t.close();
  });

  test('ensure a container, put from a client stream, get as a server stream, head, list, delete', async () => {
    assert.deepEqual(await client.ensureContainer({ account: '', container: 'images', metadata: { purpose: 'test' } }, { token }), { created: true });
    assert.deepEqual(await client.ensureContainer({ account: '', container: 'images', metadata: {} }, { token }), { created: false });
    const data = randomBytes(3 * 1024 * 1024 + 5);
    const put = await client.putObject(upload({ container: 'images', name: 'disk.qcow2', size: data.length, etag: md5(data), metadata: { os: 'cirros' } }, data), { token });
    assert.equal(put.object?.etag, md5(data));
    assert.equal(put.object?.size, data.length);
    const chunks: Buffer[] = [];
    let info: objectstoreV1.ObjectInfo | undefined;
    for await (const msg of client.getObject({ account: '', container: 'images', name: 'disk.qcow2' }, { token })) {
      if (msg.info) {
        info = msg.info;
      } else if (msg.chunk) {
        chunks.push(Buffer.from(msg.chunk));
      }
    }
    assert.equal(info?.metadata['os'], 'cirros');
    assert.ok(Buffer.concat(chunks).equals(data));
    const ranged: Buffer[] = [];
    for await (const msg of client.getObject({ account: '', container: 'images', name: 'disk.qcow2', range: { start: 10, end: 19 } }, { token })) {
      if (msg.chunk) {
        ranged.push(Buffer.from(msg.chunk));
      }
    }
    assert.ok(Buffer.concat(ranged).equals(data.subarray(10, 20)));
    assert.equal((await client.headObject({ account: 'AUTH_p1', container: 'images', name: 'disk.qcow2' }, { token })).object?.size, data.length);
    const listed = await client.listObjects({ account: '', container: 'images', prefix: '', marker: '', endMarker: '', delimiter: '', limit: 0 }, { token });
    assert.deepEqual(listed.items.map((i) => i.object?.name), ['disk.qcow2']);
    const containers = await client.listContainers({ account: '', prefix: '', marker: '', limit: 0 }, { token });
    assert.deepEqual(containers.containers.map((c) => [c.name, c.objectCount]), [['images', 1]]);
    await client.deleteObject({ account: '', container: 'images', name: 'disk.qcow2' }, { token });
    await assert.rejects(client.headObject({ account: '', container: 'images', name: 'disk.qcow2' }, { token }), (e) => kind(e) === 'not_found');
  });

  test('a PutObject the client cancels mid-stream, or ends without its end message, stores nothing', async () => {
    await client.ensureContainer({ account: '', container: 'cancel', metadata: {} }, { token });
    const abort = new AbortController();
    async function* cut() {
      yield { header: { account: '', container: 'cancel', name: 'half', contentType: '', metadata: {}, etag: '', size: -1, deleteAt: 0 } };
      yield { chunk: randomBytes(256 * 1024) };
      yield { chunk: randomBytes(256 * 1024) };
      // wait for the server to take the bytes in, then cancel without half-closing
      await new Promise((r) => setTimeout(r, 300));
      abort.abort();
      await new Promise(() => undefined);
    }
    await assert.rejects(client.putObject(cut(), { token, signal: abort.signal }));
    await new Promise((r) => setTimeout(r, 300));
    await assert.rejects(client.headObject({ account: '', container: 'cancel', name: 'half' }, { token }), (e) => kind(e) === 'not_found');
    // a stream that half-closes without its end message is refused the same way
    async function* noEnd() {
      yield { header: { account: '', container: 'cancel', name: 'no-end', contentType: '', metadata: {}, etag: '', size: -1, deleteAt: 0 } };
      yield await Promise.resolve({ chunk: randomBytes(1000) });
    }
    await assert.rejects(client.putObject(noEnd(), { token }), (e) => kind(e) === 'bad_request');
    await assert.rejects(client.headObject({ account: '', container: 'cancel', name: 'no-end' }, { token }), (e) => kind(e) === 'not_found');
    const small = Buffer.from('after the cancel');
    const put = await client.putObject(upload({ container: 'cancel', name: 'next', size: small.length }, small), { token });
    assert.equal(put.object?.size, small.length);
  });

  test('the same rules as REST: a wrong etag stores nothing; other projects and bad tokens are refused', async () => {
    await client.ensureContainer({ account: '', container: 'rules', metadata: {} }, { token });
    const data = randomBytes(1000);
    await assert.rejects(client.putObject(upload({ container: 'rules', name: 'x', etag: md5(Buffer.from('no')) }, data), { token }), (e) => kind(e) === 'unprocessable');
    await assert.rejects(client.headObject({ account: '', container: 'rules', name: 'x' }, { token }), (e) => kind(e) === 'not_found');
    const other = t.identity.token({ projectId: 'p2' });
    await assert.rejects(client.headObject({ account: 'AUTH_p1', container: 'rules', name: 'x' }, { token: other }), (e) => kind(e) === 'forbidden');
    await assert.rejects(client.listContainers({ account: 'AUTH_p1', prefix: '', marker: '', limit: 0 }, { token: 'bad' }), (e) => kind(e) === 'unauthorized');
    await assert.rejects(client.ensureContainer({ account: '', container: 'a/b', metadata: {} }, { token }), (e) => kind(e) === 'bad_request' || kind(e) === 'not_found');
    const service = t.identity.token({ projectId: 'service', roles: [{ id: 'a', name: 'admin' }] });
    assert.deepEqual(await client.ensureContainer({ account: 'AUTH_service', container: 'glance', metadata: {} }, { token: service }), { created: true });
  });
  test('public and private by read ACL, HEAD container, delete refused while not empty', async () => {
    const ensure = (req: Partial<objectstoreV1.EnsureContainerRequest>, tok = token) =>
      client.ensureContainer({ account: '', container: 'site', metadata: {}, ...req }, { token: tok });
    await ensure({});
    const data = Buffer.from('hello, anyone');
    await client.putObject(upload({ container: 'site', name: 'docs/index.txt' }, data), { token });
    assert.equal((await t.req('GET', '/v1/AUTH_p1/site/docs/index.txt', { token: null })).status, 401);
    await ensure({ readAcl: '.r:*,.rlistings', metadata: { colour: 'blue' } });
    const anon = await t.req('GET', '/v1/AUTH_p1/site/docs/index.txt', { token: null });
    assert.equal(anon.status, 200);
    assert.equal(await anon.text(), 'hello, anyone');
    const head = await client.headContainer({ account: '', container: 'site' }, { token });
    assert.deepEqual(head.container && [head.container.name, head.container.objectCount, head.container.bytesUsed], ['site', 1, data.length]);
    assert.equal(head.readAcl, '.r:*,.rlistings');
    assert.equal(head.writeAcl, '');
    assert.equal(head.metadata['colour'], 'blue');
    const other = t.identity.token({ projectId: 'p2' });
    await assert.rejects(client.headContainer({ account: 'AUTH_p1', container: 'site' }, { token: other }), (e) => kind(e) === 'forbidden');
    await assert.rejects(ensure({ account: 'AUTH_p1', readAcl: '' }, other), (e) => kind(e) === 'forbidden');
    await assert.rejects(ensure({ readAcl: '.bogus' }), (e) => kind(e) === 'bad_request');
    await assert.rejects(ensure({ writeAcl: '.r:*' }), (e) => kind(e) === 'bad_request');
    await ensure({ readAcl: '' });
    assert.equal((await client.headContainer({ account: '', container: 'site' }, { token })).readAcl, '');
    assert.equal((await t.req('GET', '/v1/AUTH_p1/site/docs/index.txt', { token: null })).status, 401);
    await assert.rejects(client.deleteContainer({ account: 'AUTH_p1', container: 'site' }, { token: other }), (e) => kind(e) === 'forbidden');
    await assert.rejects(client.deleteContainer({ account: '', container: 'site' }, { token }), (e) => kind(e) === 'conflict' && /not empty/.test((e as Error).message));
    await client.deleteObject({ account: '', container: 'site', name: 'docs/index.txt' }, { token });
    assert.deepEqual(await client.deleteContainer({ account: '', container: 'site' }, { token }), {});
    await assert.rejects(client.headContainer({ account: '', container: 'site' }, { token }), (e) => kind(e) === 'not_found');
    await assert.rejects(client.deleteContainer({ account: '', container: 'site' }, { token }), (e) => kind(e) === 'not_found');
  });
});
