import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { testMatrix } from '../testing/test-matrix.js';

const md5 = (b: Buffer | string) => createHash('md5').update(b).digest('hex');

for (const { label, values } of testMatrix()) {
  describe(`Swift large objects: SLO and DLO (${label})`, () => {
    let t: TestApp;
    let cleanup: () => Promise<void>;
    const parts = [randomBytes(1000), randomBytes(1500), randomBytes(700)];
    const whole = Buffer.concat(parts);
    before(async () => {
      const v = await values();
      cleanup = v.cleanup;
      t = await startTestApp(v.values);
      await t.req('PUT', '/v1/AUTH_p1/big');
      await t.req('PUT', '/v1/AUTH_p1/big_segments');
      for (const [i, p] of parts.entries()) {
        await t.req('PUT', `/v1/AUTH_p1/big_segments/file/${String(i).padStart(8, '0')}`, { body: p });
      }
    });
    after(async () => {
      await t.close();
      await cleanup();
    });

    const manifest = () => parts.map((p, i) => ({ path: `/big_segments/file/${String(i).padStart(8, '0')}`, etag: md5(p), size_bytes: p.length }));

    test('SLO: put validates segments, get concatenates, ranges span segments, manifest get', async () => {
      const put = await t.req('PUT', '/v1/AUTH_p1/big/slo?multipart-manifest=put', { body: JSON.stringify(manifest()) });
      assert.equal(put.status, 201);
      const expected = md5(parts.map((p) => md5(p)).join(''));
      assert.equal(put.headers.get('etag'), `"${expected}"`);
      const get = await t.req('GET', '/v1/AUTH_p1/big/slo');
      assert.equal(get.headers.get('x-static-large-object'), 'True');
      assert.equal(get.headers.get('content-length'), String(whole.length));
      assert.ok(Buffer.from(await get.arrayBuffer()).equals(whole));
      const range = await t.req('GET', '/v1/AUTH_p1/big/slo', { headers: { Range: 'bytes=990-1010' } });
      assert.equal(range.status, 206);
      assert.ok(Buffer.from(await range.arrayBuffer()).equals(whole.subarray(990, 1011)));
      const m = (await (await t.req('GET', '/v1/AUTH_p1/big/slo?multipart-manifest=get')).json()) as Array<{ name: string; bytes: number }>;
      assert.deepEqual(m.map((s) => s.bytes), [1000, 1500, 700]);
      const listed = (await (await t.req('GET', '/v1/AUTH_p1/big?format=json')).json()) as Array<{ name: string; bytes: number }>;
      assert.equal(listed.find((o) => o.name === 'slo')?.bytes, whole.length);
    });

    test('SLO: bad manifests get 400 with Swift wording and store nothing', async () => {
      const notJson = await t.req('PUT', '/v1/AUTH_p1/big/bad?multipart-manifest=put', { body: '{nope' });
      assert.equal(notJson.status, 400);
      assert.equal(await notJson.text(), 'Manifest must be valid JSON.\n');
      const wrong = manifest();
      wrong[1] = { ...wrong[1], etag: md5('other') };
      wrong[2] = { ...wrong[2], path: '/big_segments/missing' };
      const bad = await t.req('PUT', '/v1/AUTH_p1/big/bad?multipart-manifest=put', { body: JSON.stringify(wrong) });
      assert.equal(bad.status, 400);
      assert.equal(await bad.text(), 'Errors:\n/big_segments/file/00000001, Etag Mismatch\n/big_segments/missing, 404 Not Found\n');
      assert.equal((await t.req('HEAD', '/v1/AUTH_p1/big/bad')).status, 404);
    });

    test('DLO: X-Object-Manifest serves the prefix listing concatenated', async () => {
      const put = await t.req('PUT', '/v1/AUTH_p1/big/dlo', { body: '', headers: { 'X-Object-Manifest': 'big_segments/file/' } });
      assert.equal(put.status, 201);
      const get = await t.req('GET', '/v1/AUTH_p1/big/dlo');
      assert.equal(get.headers.get('x-object-manifest'), 'big_segments/file/');
      assert.equal(get.headers.get('etag'), `"${md5(parts.map((p) => md5(p)).join(''))}"`);
      assert.ok(Buffer.from(await get.arrayBuffer()).equals(whole));
      const range = await t.req('GET', '/v1/AUTH_p1/big/dlo', { headers: { Range: 'bytes=-800' } });
      assert.ok(Buffer.from(await range.arrayBuffer()).equals(whole.subarray(whole.length - 800)));
      assert.equal((await t.req('PUT', '/v1/AUTH_p1/big/dlo2', { body: '', headers: { 'X-Object-Manifest': 'nocontainer' } })).status, 400);
    });

    test('SLO: a changed segment is a 409; multipart-manifest=delete removes segments', async () => {
      await t.req('PUT', '/v1/AUTH_p1/big/slo2?multipart-manifest=put', { body: JSON.stringify(manifest()) });
      const del = await t.req('DELETE', '/v1/AUTH_p1/big/slo2?multipart-manifest=delete', { headers: { Accept: 'application/json' } });
      assert.equal(del.status, 200);
      const result = (await del.json()) as Record<string, unknown>;
      assert.equal(result['Number Deleted'], 4);
      assert.equal((await t.req('GET', '/v1/AUTH_p1/big/slo')).status, 409, 'the first SLO lost its segments');
      assert.equal((await t.req('HEAD', '/v1/AUTH_p1/big/slo2')).status, 404);
    });
  });
}
