import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { ObjectsFastPath } from './objects.fast-path.js';

const DATA = Buffer.from('0123456789abcdefghijklmnopqrstuvwxyz');
/** Headers that differ between any two requests (the clock, the connection). */
const VOLATILE = new Set([
  'date',
  'keep-alive',
  'connection',
  'x-trans-id',
  'x-openstack-request-id',
  'last-modified',
]);

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

describe('ObjectsFastPath answers as the Express path does', () => {
  let t: TestApp;
  let fast: ObjectsFastPath;
  let other: string;

  before(async () => {
    t = await startTestApp();
    fast = t.app.get(ObjectsFastPath);
    other = t.identity.token({ projectId: 'p2' });
    await t.req('PUT', '/v1/AUTH_p1/c');
    await t.req('PUT', '/v1/AUTH_p1/c/data', {
      body: DATA,
      headers: { 'Content-Type': 'application/x-test', 'X-Object-Meta-Color': 'blue' },
    });
  });
  after(async () => {
    fast.enabled = true;
    await t.close();
  });

  async function answer(
    method: string,
    path: string,
    opts: { token?: string | null; headers?: Record<string, string>; body?: Buffer } = {},
  ): Promise<Answer> {
    const res = await t.req(method, path, opts);
    const headers = Object.fromEntries([...res.headers].filter(([k]) => !VOLATILE.has(k)));
    assert.equal(res.headers.get('x-trans-id'), res.headers.get('x-openstack-request-id'));
    assert.match(res.headers.get('x-trans-id') ?? '', /^tx[0-9a-f]{21}-[0-9a-f]{10}$/);
    return { status: res.status, headers, body: await res.text() };
  }

  /** The same request through both paths; the fast one must be taken and answer alike. */
  async function both(
    method: string,
    path: string,
    opts: Parameters<typeof answer>[2] = {},
  ): Promise<Answer> {
    fast.enabled = false;
    const before = fast.hits;
    const viaExpress = await answer(method, path, opts);
    assert.equal(fast.hits, before, 'disabled: Express answers');
    fast.enabled = true;
    const viaFast = await answer(method, path, opts);
    assert.equal(fast.hits, before + 1, 'the fast path took the request');
    assert.deepEqual(viaFast, viaExpress);
    return viaFast;
  }

  test('GET and HEAD of an object', async () => {
    const get = await both('GET', '/v1/AUTH_p1/c/data');
    assert.equal(get.status, 200);
    assert.equal(get.body, DATA.toString());
    assert.equal(get.headers['x-object-meta-color'], 'blue');
    const head = await both('HEAD', '/v1/AUTH_p1/c/data');
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-length'], String(DATA.length));
    assert.equal(head.body, '');
  });

  test('Range and conditional requests', async () => {
    const part = await both('GET', '/v1/AUTH_p1/c/data', { headers: { Range: 'bytes=2-5' } });
    assert.equal(part.status, 206);
    assert.equal(part.body, '2345');
    assert.equal(
      (await both('GET', '/v1/AUTH_p1/c/data', { headers: { Range: 'bytes=100-' } })).status,
      416,
    );
    const etag = part.headers['etag'] ?? '';
    assert.equal(
      (await both('GET', '/v1/AUTH_p1/c/data', { headers: { 'If-None-Match': etag } })).status,
      304,
    );
    assert.equal(
      (await both('HEAD', '/v1/AUTH_p1/c/data', { headers: { 'If-Match': '"nope"' } })).status,
      412,
    );
  });

  test('404, 401 for a bad token, 403 for another project', async () => {
    assert.equal((await both('GET', '/v1/AUTH_p1/c/missing')).status, 404);
    assert.equal((await both('HEAD', '/v1/AUTH_p1/nocontainer/x')).status, 404);
    assert.equal((await both('GET', '/v1/AUTH_p1/c/data', { token: 'not-a-token' })).status, 401);
    assert.equal((await both('GET', '/v1/AUTH_p1/c/data', { token: other })).status, 403);
    assert.equal((await both('PUT', '/v1/AUTH_p1/c/x', { token: other, body: DATA })).status, 403);
  });

  test('PUT, then the object reads back', async () => {
    const put = await both('PUT', '/v1/AUTH_p1/c/put', {
      body: DATA,
      headers: { 'Content-Type': 'text/plain' },
    });
    assert.equal(put.status, 201);
    assert.equal((await both('GET', '/v1/AUTH_p1/c/put')).body, DATA.toString());
    assert.equal(
      (await both('PUT', '/v1/AUTH_p1/c/put', { body: DATA, headers: { Etag: 'bad' } })).status,
      422,
    );
  });

  test('requests with a query string or no token go to Express', async () => {
    const before = fast.hits;
    assert.equal((await t.req('GET', '/v1/AUTH_p1/c/data?multipart-manifest=get')).status, 200);
    assert.equal((await t.req('GET', '/v1/AUTH_p1/c/data', { token: null })).status, 401);
    assert.equal((await t.req('GET', '/v1/AUTH_p1/c')).status, 200);
    assert.equal(fast.hits, before);
  });
});
