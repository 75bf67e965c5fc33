import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { testMatrix } from '../testing/test-matrix.js';

const md5 = (b: Buffer | string) => createHash('md5').update(b).digest('hex');
const TX = /^tx[0-9a-f]{21}-[0-9a-f]{10}$/;

for (const { label, values } of testMatrix()) {
  describe(`Swift objects and containers (${label})`, () => {
    let t: TestApp;
    let cleanup: () => Promise<void>;
    before(async () => {
      const v = await values();
      cleanup = v.cleanup;
      t = await startTestApp(v.values);
    });
    after(async () => {
      await t.close();
      await cleanup();
    });

    test('container create, show, list, delete (409 while not empty)', async () => {
      const put = await t.req('PUT', '/v1/AUTH_p1/box', { headers: { 'X-Container-Meta-Owner': 'me' } });
      assert.equal(put.status, 201);
      assert.match(put.headers.get('x-trans-id') ?? '', TX);
      assert.equal(put.headers.get('x-openstack-request-id'), put.headers.get('x-trans-id'));
      assert.equal((await t.req('PUT', '/v1/AUTH_p1/box')).status, 202);
      const head = await t.req('HEAD', '/v1/AUTH_p1/box');
      assert.equal(head.status, 204);
      assert.equal(head.headers.get('x-container-object-count'), '0');
      assert.equal(head.headers.get('x-container-meta-owner'), 'me');
      assert.ok(head.headers.get('content-type'));
      assert.ok(head.headers.get('date'));
      await t.req('PUT', '/v1/AUTH_p1/box/thing', { body: 'x' });
      const del = await t.req('DELETE', '/v1/AUTH_p1/box');
      assert.equal(del.status, 409);
      assert.equal(await del.text(), '<html><h1>Conflict</h1><p>There was a conflict when trying to complete your request.</p></html>');
      assert.equal((await t.req('DELETE', '/v1/AUTH_p1/box/thing')).status, 204);
      assert.equal((await t.req('DELETE', '/v1/AUTH_p1/box')).status, 204);
      assert.equal((await t.req('HEAD', '/v1/AUTH_p1/box')).status, 404);
    });

    test('object round trip with metadata, etag, content type detection and POST', async () => {
      await t.req('PUT', '/v1/AUTH_p1/docs');
      const body = Buffer.from('hello swift');
      const put = await t.req('PUT', '/v1/AUTH_p1/docs/a/b.txt', { body, headers: { 'X-Object-Meta-Color': 'Red', ETag: md5(body) } });
      assert.equal(put.status, 201);
      assert.equal(put.headers.get('etag'), md5(body));
      const get = await t.req('GET', '/v1/AUTH_p1/docs/a/b.txt');
      assert.equal(get.status, 200);
      assert.equal(await get.text(), 'hello swift');
      assert.equal(get.headers.get('etag'), md5(body));
      assert.equal(get.headers.get('content-type'), 'text/plain');
      assert.equal(get.headers.get('x-object-meta-color'), 'Red');
      assert.match(get.headers.get('x-timestamp') ?? '', /^\d+\.\d{5}$/);
      const head = await t.req('HEAD', '/v1/AUTH_p1/docs/a/b.txt');
      assert.equal(head.headers.get('content-length'), String(body.length));
      assert.equal((await t.req('POST', '/v1/AUTH_p1/docs/a/b.txt', { headers: { 'X-Object-Meta-Size': 'big' } })).status, 202);
      const after = await t.req('HEAD', '/v1/AUTH_p1/docs/a/b.txt');
      assert.equal(after.headers.get('x-object-meta-size'), 'big');
      assert.equal(after.headers.get('x-object-meta-color'), null, 'POST replaces object metadata');
      const bad = await t.req('PUT', '/v1/AUTH_p1/docs/a/b.txt', { body: 'other', headers: { ETag: md5('nope') } });
      assert.equal(bad.status, 422);
      assert.equal(await (await t.req('GET', '/v1/AUTH_p1/docs/a/b.txt')).text(), 'hello swift', 'a failed PUT keeps the old object');
    });

    test('chunked PUT, missing Content-Length, overwrite', async () => {
      await t.req('PUT', '/v1/AUTH_p1/up');
      const chunks = new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode('part one, '));
          c.enqueue(new TextEncoder().encode('part two'));
          c.close();
        },
      });
      const put = await t.req('PUT', '/v1/AUTH_p1/up/chunked', { body: chunks });
      assert.equal(put.status, 201);
      assert.equal(await (await t.req('GET', '/v1/AUTH_p1/up/chunked')).text(), 'part one, part two');
      const raw = await t.raw('PUT /v1/AUTH_p1/up/nolength HTTP/1.1\r\nHost: x\r\nX-Auth-Token: TOKEN\r\nConnection: close\r\n\r\n');
      assert.match(raw, /^HTTP\/1.1 411/);
      assert.equal((await t.req('HEAD', '/v1/AUTH_p1/up/nolength')).status, 404);
      await t.req('PUT', '/v1/AUTH_p1/up/chunked', { body: 'replaced' });
      assert.equal(await (await t.req('GET', '/v1/AUTH_p1/up/chunked')).text(), 'replaced');
    });

    test('listings: json, plain, xml, prefix, delimiter, markers, reverse, limit, path, empty page', async () => {
      await t.req('PUT', '/v1/AUTH_p1/list');
      for (const n of ['a/1', 'a/2', 'b', 'c/x/1', 'd']) {
        await t.req('PUT', `/v1/AUTH_p1/list/${n}`, { body: n });
      }
      const names = async (q: string) => {
        const r = await t.req('GET', `/v1/AUTH_p1/list?format=json${q}`);
        return ((await r.json()) as Array<{ name?: string; subdir?: string }>).map((e) => e.name ?? `dir:${e.subdir}`);
      };
      assert.deepEqual(await names(''), ['a/1', 'a/2', 'b', 'c/x/1', 'd']);
      assert.deepEqual(await names('&delimiter=/'), ['dir:a/', 'b', 'dir:c/', 'd']);
      assert.deepEqual(await names('&prefix=a/'), ['a/1', 'a/2']);
      assert.deepEqual(await names('&marker=a/2&end_marker=d'), ['b', 'c/x/1']);
      assert.deepEqual(await names('&reverse=true&limit=2'), ['d', 'c/x/1']);
      assert.deepEqual(await names('&limit=2&marker=a/1'), ['a/2', 'b']);
      assert.deepEqual(await names('&marker=d'), []);
      assert.deepEqual(await names('&path=a'), ['a/1', 'a/2']);
      assert.deepEqual(await names('&reverse=true&delimiter=/'), ['d', 'dir:c/', 'b', 'dir:a/']);
      const plain = await t.req('GET', '/v1/AUTH_p1/list?prefix=a/');
      assert.equal(await plain.text(), 'a/1\na/2\n');
      assert.equal((await t.req('GET', '/v1/AUTH_p1/list?marker=zzz')).status, 204);
      const xml = await (await t.req('GET', '/v1/AUTH_p1/list?format=xml&limit=1')).text();
      assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<container name="list"><object><name>a\/1<\/name><hash>/);
      const json = (await (await t.req('GET', '/v1/AUTH_p1/list?format=json&limit=1')).json()) as Array<Record<string, unknown>>;
      assert.deepEqual(Object.keys(json[0] ?? {}).sort(), ['bytes', 'content_type', 'hash', 'last_modified', 'name']);
      assert.equal((await t.req('GET', '/v1/AUTH_p1/list?limit=10001')).status, 412);
      const account = await t.req('GET', '/v1/AUTH_p1?format=json&prefix=list');
      const [entry] = (await account.json()) as Array<Record<string, unknown>>;
      assert.deepEqual({ ...entry, last_modified: undefined }, { name: 'list', count: 5, bytes: 13, last_modified: undefined });
      assert.match(String(entry?.['last_modified']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
    });

    test('account HEAD counts and POST metadata', async () => {
      const head = await t.req('HEAD', '/v1/AUTH_p1');
      assert.equal(head.status, 204);
      assert.ok(Number(head.headers.get('x-account-container-count')) >= 1);
      assert.ok(head.headers.get('x-account-object-count') !== null);
      assert.ok(head.headers.get('x-account-bytes-used') !== null);
      assert.equal((await t.req('POST', '/v1/AUTH_p1', { headers: { 'X-Account-Meta-Team': 'blue' } })).status, 204);
      assert.equal((await t.req('HEAD', '/v1/AUTH_p1')).headers.get('x-account-meta-team'), 'blue');
      const fresh = await t.req('GET', '/v1/AUTH_p1?format=json', { token: t.identity.token({ projectId: 'empty-project' }) });
      assert.equal(fresh.status, 403, 'another project cannot read this account');
      const own = await t.req('GET', '/v1/AUTH_empty-project?format=json', { token: t.identity.token({ projectId: 'empty-project' }) });
      assert.deepEqual(await own.json(), []);
    });
  });
}
