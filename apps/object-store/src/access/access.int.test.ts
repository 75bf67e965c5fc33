import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../testing/test-app.js';

describe('Swift access: owners, admins, ACLs, TempURLs, bulk delete', () => {
  let t: TestApp;
  let other: string;
  let admin: string;
  let reader: string;
  before(async () => {
    t = await startTestApp();
    other = t.identity.token({ projectId: 'p2', projectName: 'other', userId: 'u2', userName: 'carol' });
    admin = t.identity.token({ projectId: 'adminp', roles: [{ id: 'a', name: 'admin' }] });
    reader = t.identity.token({ roles: [{ id: 'r', name: 'reader' }] });
    await t.req('PUT', '/v1/AUTH_p1/private');
    await t.req('PUT', '/v1/AUTH_p1/private/secret', { body: 'top secret' });
  });
  after(() => t.close());

  test('another project is denied (403), anonymous is 401, an admin reaches any account', async () => {
    assert.equal((await t.req('GET', '/v1/AUTH_p1/private/secret', { token: other })).status, 403);
    assert.equal((await t.req('GET', '/v1/AUTH_p1?format=json', { token: other })).status, 403);
    assert.equal((await t.req('PUT', '/v1/AUTH_p1/private/x', { token: other, body: 'x' })).status, 403);
    const anon = await t.req('GET', '/v1/AUTH_p1/private/secret', { token: null });
    assert.equal(anon.status, 401);
    assert.equal((await t.req('GET', '/v1/AUTH_p1/private/secret', { token: 'garbage' })).status, 401);
    assert.equal(await (await t.req('GET', '/v1/AUTH_p1/private/secret', { token: admin })).text(), 'top secret');
    assert.equal((await t.req('PUT', '/v1/AUTH_p2/admin-made', { token: admin })).status, 201);
  });

  test('a reader of the project may read but not write', async () => {
    assert.equal((await t.req('GET', '/v1/AUTH_p1/private/secret', { token: reader })).status, 200);
    assert.equal((await t.req('PUT', '/v1/AUTH_p1/private/y', { token: reader, body: 'y' })).status, 403);
  });

  test('X-Container-Read .r:* makes objects public; .rlistings makes the listing public', async () => {
    await t.req('PUT', '/v1/AUTH_p1/pub', { headers: { 'X-Container-Read': '.r:*' } });
    await t.req('PUT', '/v1/AUTH_p1/pub/page.html', { body: '<p>hi</p>' });
    const anon = await t.req('GET', '/v1/AUTH_p1/pub/page.html', { token: null });
    assert.equal(anon.status, 200);
    assert.equal(await anon.text(), '<p>hi</p>');
    assert.equal((await t.req('GET', '/v1/AUTH_p1/pub', { token: null })).status, 401, 'no listing without .rlistings');
    assert.equal((await t.req('PUT', '/v1/AUTH_p1/pub/x', { token: null, body: 'x' })).status, 401);
    await t.req('POST', '/v1/AUTH_p1/pub', { headers: { 'X-Container-Read': '.r:*,.rlistings' } });
    assert.equal(await (await t.req('GET', '/v1/AUTH_p1/pub', { token: null })).text(), 'page.html\n');
    const owner = await t.req('HEAD', '/v1/AUTH_p1/pub');
    assert.equal(owner.headers.get('x-container-read'), '.r:*,.rlistings');
    assert.equal((await t.req('HEAD', '/v1/AUTH_p1/pub', { token: null })).headers.get('x-container-read'), null);
  });

  test('user ACLs grant another project read or write', async () => {
    await t.req('PUT', '/v1/AUTH_p1/shared', { headers: { 'X-Container-Read': 'p2:*', 'X-Container-Write': 'other:carol' } });
    assert.equal((await t.req('PUT', '/v1/AUTH_p1/shared/from-p2', { token: other, body: 'hello' })).status, 201);
    assert.equal(await (await t.req('GET', '/v1/AUTH_p1/shared?format=plain', { token: other })).text(), 'from-p2\n');
    assert.equal((await t.req('POST', '/v1/AUTH_p1/shared', { token: other, headers: { 'X-Container-Read': '.r:*' } })).status, 403);
    assert.equal((await t.req('PUT', '/v1/AUTH_p1/shared2', { headers: { 'X-Container-Write': '.r:*' } })).status, 400);
  });

  test('TempURL: sha256 and sha1 signatures work without a token until they expire', async () => {
    await t.req('POST', '/v1/AUTH_p1', { headers: { 'X-Account-Meta-Temp-URL-Key': 'k1' } });
    const path = '/v1/AUTH_p1/private/secret';
    const sign = (digest: string, method: string, expires: number, key = 'k1') =>
      createHmac(digest, key).update(`${method}\n${expires}\n${path}`).digest('hex');
    const exp = Math.floor(Date.now() / 1000) + 60;
    const ok = await t.req('GET', `${path}?temp_url_sig=${sign('sha256', 'GET', exp)}&temp_url_expires=${exp}`, { token: null });
    assert.equal(ok.status, 200);
    assert.equal(await ok.text(), 'top secret');
    assert.match(ok.headers.get('content-disposition') ?? '', /^attachment; filename="secret"/);
    assert.equal((await t.req('HEAD', `${path}?temp_url_sig=${sign('sha1', 'GET', exp)}&temp_url_expires=${exp}`, { token: null })).status, 200);
    assert.equal((await t.req('PUT', `${path}?temp_url_sig=${sign('sha256', 'GET', exp)}&temp_url_expires=${exp}`, { token: null, body: 'x' })).status, 401);
    const past = Math.floor(Date.now() / 1000) - 1;
    assert.equal((await t.req('GET', `${path}?temp_url_sig=${sign('sha256', 'GET', past)}&temp_url_expires=${past}`, { token: null })).status, 401);
    assert.equal((await t.req('GET', `${path}?temp_url_sig=${sign('sha256', 'GET', exp, 'wrong')}&temp_url_expires=${exp}`, { token: null })).status, 401);
    await t.req('POST', '/v1/AUTH_p1/private', { headers: { 'X-Container-Meta-Temp-URL-Key': 'ck' } });
    assert.equal((await t.req('GET', `${path}?temp_url_sig=${sign('sha256', 'GET', exp, 'ck')}&temp_url_expires=${exp}`, { token: null })).status, 200);
  });

  test('bulk delete removes objects and empty containers, reporting what it could not', async () => {
    await t.req('PUT', '/v1/AUTH_p1/bulk');
    for (const n of ['a', 'b c', 'd']) {
      await t.req('PUT', `/v1/AUTH_p1/bulk/${encodeURIComponent(n)}`, { body: n });
    }
    const body = ['/bulk/a', '/bulk/b%20c', '/bulk/missing', '/private'].join('\n');
    const res = await t.req('POST', '/v1/AUTH_p1?bulk-delete', { body, headers: { Accept: 'application/json', 'Content-Type': 'text/plain' } });
    assert.equal(res.status, 200);
    const r = (await res.json()) as Record<string, unknown>;
    assert.equal(r['Number Deleted'], 2);
    assert.equal(r['Number Not Found'], 1);
    assert.deepEqual(r['Errors'], [['/private', '409 Conflict']]);
    assert.equal(await (await t.req('GET', '/v1/AUTH_p1/bulk')).text(), 'd\n');
    const denied = await t.req('POST', '/v1/AUTH_p1?bulk-delete', { token: other, body: '/bulk/d', headers: { Accept: 'application/json' } });
    assert.equal(denied.status, 200, 'bulk answers 200 and reports each refusal, as Swift');
    assert.deepEqual(((await denied.json()) as Record<string, unknown>)['Errors'], [['/bulk/d', '403 Forbidden']]);
    assert.equal(await (await t.req('GET', '/v1/AUTH_p1/bulk')).text(), 'd\n');
  });

  test('/info lists the capabilities swiftclient reads; /healthz needs no token', async () => {
    const info = (await (await t.req('GET', '/info', { token: null })).json()) as Record<string, Record<string, unknown>>;
    assert.equal(info['bulk_delete']?.['max_deletes_per_request'], 10000);
    assert.deepEqual(info['tempurl']?.['allowed_digests'], ['sha1', 'sha256', 'sha512']);
    assert.equal(info['slo']?.['max_manifest_segments'], 1000);
    assert.equal((await t.req('GET', '/healthz', { token: null })).status, 200);
  });
});
