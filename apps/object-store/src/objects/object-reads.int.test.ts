import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ExpirerService } from '../expirer/expirer.service.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { testMatrix } from '../testing/test-matrix.js';

const DATA = Buffer.from('0123456789abcdefghijklmnopqrstuvwxyz');

for (const { label, values } of testMatrix()) {
  describe(`Swift ranges, conditionals, copy, expiry and bad input (${label})`, () => {
    let t: TestApp;
    let cleanup: () => Promise<void>;
    before(async () => {
      const v = await values();
      cleanup = v.cleanup;
      t = await startTestApp(v.values);
      await t.req('PUT', '/v1/AUTH_p1/r');
      await t.req('PUT', '/v1/AUTH_p1/r/data', { body: DATA, headers: { 'Content-Type': 'application/x-test' } });
    });
    after(async () => {
      await t.close();
      await cleanup();
    });

    test('single, suffix and open ranges; 416 with Content-Range', async () => {
      const r = await t.req('GET', '/v1/AUTH_p1/r/data', { headers: { Range: 'bytes=2-5' } });
      assert.equal(r.status, 206);
      assert.equal(r.headers.get('content-range'), `bytes 2-5/${DATA.length}`);
      assert.equal(await r.text(), '2345');
      assert.equal(await (await t.req('GET', '/v1/AUTH_p1/r/data', { headers: { Range: 'bytes=-3' } })).text(), 'xyz');
      assert.equal(await (await t.req('GET', '/v1/AUTH_p1/r/data', { headers: { Range: 'bytes=34-' } })).text(), 'yz');
      const bad = await t.req('GET', '/v1/AUTH_p1/r/data', { headers: { Range: 'bytes=100-200' } });
      assert.equal(bad.status, 416);
      assert.equal(bad.headers.get('content-range'), `bytes */${DATA.length}`);
      const ignored = await t.req('GET', '/v1/AUTH_p1/r/data', { headers: { Range: 'bytes=z-1' } });
      assert.equal(ignored.status, 200, 'a malformed Range is ignored, as Swift does');
    });

    test('multiple ranges come back as multipart/byteranges', async () => {
      const r = await t.req('GET', '/v1/AUTH_p1/r/data', { headers: { Range: 'bytes=0-1,10-11' } });
      assert.equal(r.status, 206);
      const type = r.headers.get('content-type') ?? '';
      const boundary = /boundary=(\w+)/.exec(type)?.[1];
      assert.ok(boundary, type);
      const text = await r.text();
      assert.equal(Number(r.headers.get('content-length')), Buffer.byteLength(text));
      assert.equal(
        text,
        `--${boundary}\r\nContent-Type: application/x-test\r\nContent-Range: bytes 0-1/36\r\n\r\n01\r\n` +
          `--${boundary}\r\nContent-Type: application/x-test\r\nContent-Range: bytes 10-11/36\r\n\r\nab\r\n--${boundary}--`,
      );
    });

    test('If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since', async () => {
      const head = await t.req('HEAD', '/v1/AUTH_p1/r/data');
      const etag = head.headers.get('etag') ?? '';
      const lm = head.headers.get('last-modified') ?? '';
      assert.equal((await t.req('GET', '/v1/AUTH_p1/r/data', { headers: { 'If-Match': etag } })).status, 200);
      assert.equal((await t.req('GET', '/v1/AUTH_p1/r/data', { headers: { 'If-Match': 'nope' } })).status, 412);
      const nm = await t.req('GET', '/v1/AUTH_p1/r/data', { headers: { 'If-None-Match': `"${etag}"` } });
      assert.equal(nm.status, 304);
      assert.equal(nm.headers.get('etag'), etag);
      assert.equal((await t.req('GET', '/v1/AUTH_p1/r/data', { headers: { 'If-Modified-Since': lm } })).status, 304);
      assert.equal((await t.req('GET', '/v1/AUTH_p1/r/data', { headers: { 'If-Modified-Since': 'Mon, 01 Jan 2001 00:00:00 GMT' } })).status, 200);
      assert.equal((await t.req('GET', '/v1/AUTH_p1/r/data', { headers: { 'If-Unmodified-Since': 'Mon, 01 Jan 2001 00:00:00 GMT' } })).status, 412);
      assert.equal((await t.req('PUT', '/v1/AUTH_p1/r/data', { body: 'x', headers: { 'If-None-Match': '*' } })).status, 412);
    });

    test('COPY and PUT with X-Copy-From keep bytes and metadata', async () => {
      await t.req('POST', '/v1/AUTH_p1/r/data', { headers: { 'X-Object-Meta-Kind': 'letters', 'Content-Type': 'application/x-test' } });
      const copy = await t.req('COPY', '/v1/AUTH_p1/r/data', { headers: { Destination: '/r/copy1' } });
      assert.equal(copy.status, 201);
      assert.equal(copy.headers.get('x-copied-from'), 'r/data');
      const got = await t.req('GET', '/v1/AUTH_p1/r/copy1');
      assert.equal(await got.text(), DATA.toString());
      assert.equal(got.headers.get('x-object-meta-kind'), 'letters');
      const put = await t.req('PUT', '/v1/AUTH_p1/r/copy2', { body: '', headers: { 'X-Copy-From': 'r/data', 'X-Object-Meta-Kind': 'other' } });
      assert.equal(put.status, 201);
      assert.equal((await t.req('HEAD', '/v1/AUTH_p1/r/copy2')).headers.get('x-object-meta-kind'), 'other');
      assert.equal((await t.req('PUT', '/v1/AUTH_p1/r/copy3', { body: '', headers: { 'X-Copy-From': 'r/missing' } })).status, 404);
    });

    test('X-Delete-After hides the object at once; the expirer reaps it', async () => {
      const deleteAt = Math.floor(Date.now() / 1000) + 3;
      await t.req('PUT', '/v1/AUTH_p1/r/short', { body: 'brief', headers: { 'X-Delete-At': String(deleteAt) } });
      const head = await t.req('HEAD', '/v1/AUTH_p1/r/short');
      assert.equal(head.headers.get('x-delete-at'), String(deleteAt));
      await new Promise((r) => setTimeout(r, (deleteAt + 1) * 1000 - Date.now()));
      assert.equal((await t.req('GET', '/v1/AUTH_p1/r/short')).status, 404);
      const listing = (await (await t.req('GET', '/v1/AUTH_p1/r?format=json')).json()) as Array<{ name: string }>;
      assert.ok(!listing.some((o) => o.name === 'short'), 'expired objects leave listings at once');
      assert.ok((await t.app.get(ExpirerService).runOnce()) >= 1);
      assert.equal((await t.req('PUT', '/v1/AUTH_p1/r/past', { body: 'x', headers: { 'X-Delete-At': '1000' } })).status, 400);
      assert.equal((await t.req('PUT', '/v1/AUTH_p1/r/past', { body: 'x', headers: { 'X-Delete-After': 'soon' } })).status, 400);
    });

    test('bad input gets Swift status codes and bodies and changes nothing', async () => {
      const long = 'o'.repeat(1025);
      const tooLong = await t.req('PUT', `/v1/AUTH_p1/r/${long}`, { body: 'x' });
      assert.equal(tooLong.status, 400);
      assert.equal(await tooLong.text(), 'Object name length of 1025 longer than 1024');
      assert.equal((await t.req('PUT', `/v1/AUTH_p1/${'c'.repeat(257)}`)).status, 400);
      const utf8 = await t.req('PUT', '/v1/AUTH_p1/r/bad%FF%FEname', { body: 'x' });
      assert.equal(utf8.status, 412);
      assert.equal(await utf8.text(), 'Invalid UTF8 or contains NULL');
      assert.equal((await t.req('PUT', '/v1/AUTH_p1/r/a%00b', { body: 'x' })).status, 412);
      const dots = await t.raw('PUT /v1/AUTH_p1/r/x/../data HTTP/1.1\r\nHost: x\r\nX-Auth-Token: TOKEN\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx');
      assert.match(dots, /^HTTP\/1.1 400/);
      const meta = await t.req('PUT', '/v1/AUTH_p1/r/data', { body: 'x', headers: { [`X-Object-Meta-${'n'.repeat(129)}`]: 'v' } });
      assert.equal(meta.status, 400);
      assert.match(await meta.text(), /^Metadata name too long/);
      assert.equal((await t.req('PUT', '/v1/AUTH_p1/r/data', { body: 'x', headers: { 'X-Object-Meta-Big': 'v'.repeat(257) } })).status, 400);
      assert.equal(await (await t.req('GET', '/v1/AUTH_p1/r/data')).text(), DATA.toString(), 'the object is untouched');
      assert.equal((await t.req('GET', '/v1/AUTH_p1/r?format=json&limit=x')).status, 412);
    });

    test('container quotas refuse uploads over bytes or count (413)', async () => {
      await t.req('PUT', '/v1/AUTH_p1/q', { headers: { 'X-Container-Meta-Quota-Bytes': '10', 'X-Container-Meta-Quota-Count': '2' } });
      assert.equal((await t.req('PUT', '/v1/AUTH_p1/q/a', { body: '12345' })).status, 201);
      const over = await t.req('PUT', '/v1/AUTH_p1/q/b', { body: '1234567' });
      assert.equal(over.status, 413);
      assert.equal(await over.text(), 'Upload exceeds quota.');
      assert.equal((await t.req('PUT', '/v1/AUTH_p1/q/b', { body: '1' })).status, 201);
      assert.equal((await t.req('PUT', '/v1/AUTH_p1/q/c', { body: '1' })).status, 413);
      assert.equal((await t.req('POST', '/v1/AUTH_p1/q', { headers: { 'X-Container-Meta-Quota-Bytes': 'lots' } })).status, 400);
    });
  });
}
