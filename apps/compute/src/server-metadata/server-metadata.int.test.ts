// Medium test: server metadata and tags over real HTTP; agents are in-process stand-ins.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDialects } from '@tinystack/testing';
import { startTestCloud, type TestCloud } from '../testing/test-cloud.js';

for (const dialect of testDialects()) {
  describe(`server metadata and tags on ${dialect}`, () => {
    let c: TestCloud;
    let token: string;
    let id: string;
    before(async () => {
      c = await startTestCloud(dialect, { env: { COMPUTE_QUOTA_METADATA_ITEMS: '3' } });
      await c.addAgent('host-a');
      token = c.t.tokens.member('p1');
      id = (await c.t.call('POST', '/v2.1/servers', { token, body: { server: { name: 'm', imageRef: c.image.id, flavorRef: '6', metadata: { a: '1' } } } })).body.server.id;
      await c.waitForStatus(token, id, 'ACTIVE');
    });
    after(() => c.close());
    const path = () => `/v2.1/servers/${id}/metadata`;

    test('list, merge (POST), replace (PUT), one item, delete', async () => {
      assert.deepEqual((await c.t.call('GET', path(), { token })).body, { metadata: { a: '1' } });
      const merged = await c.t.call('POST', path(), { token, body: { metadata: { b: '2' } } });
      assert.equal(merged.status, 200);
      assert.deepEqual(merged.body, { metadata: { a: '1', b: '2' } });
      assert.deepEqual((await c.t.call('PUT', path(), { token, body: { metadata: { c: '3' } } })).body, { metadata: { c: '3' } });
      assert.deepEqual((await c.t.call('GET', `${path()}/c`, { token })).body, { meta: { c: '3' } });
      assert.deepEqual((await c.t.call('PUT', `${path()}/d`, { token, body: { meta: { d: '4' } } })).body, { meta: { d: '4' } });
      assert.equal((await c.t.call('PUT', `${path()}/d`, { token, body: { meta: { e: '4' } } })).status, 400);
      assert.equal((await c.t.call('DELETE', `${path()}/c`, { token })).status, 204);
      const missing = await c.t.call('GET', `${path()}/c`, { token });
      assert.equal(missing.status, 404);
      assert.equal(missing.body.itemNotFound.message, 'Metadata item was not found');
      assert.deepEqual((await c.t.call('GET', `/v2.1/servers/${id}`, { token })).body.server.metadata, { d: '4' });
    });

    test('the metadata quota (403) and strict values (400)', async () => {
      const over = await c.t.call('POST', path(), { token, body: { metadata: { x: '1', y: '2', z: '3' } } });
      assert.equal(over.status, 403);
      assert.equal(over.body.forbidden.message, 'Maximum number of metadata items exceeds 3');
      assert.equal((await c.t.call('POST', path(), { token, body: { metadata: { k: 1 } } })).status, 400);
      assert.equal((await c.t.call('POST', path(), { token, body: { metadata: { k: 'v'.repeat(256) } } })).status, 400);
    });

    test('metadata cannot change while a task runs (409)', async () => {
      await c.t.call('POST', `/v2.1/servers/${id}/action`, { token, body: { 'os-stop': null } });
      await c.waitForStatus(token, id, 'SHUTOFF');
      assert.equal((await c.t.call('POST', path(), { token, body: { metadata: { s: 'stopped' } } })).status, 200, 'stopped is fine');
      await c.t.call('DELETE', `${path()}/s`, { token });
    });

    test('tags from 2.26: replace, add (201 then 204), check, delete; filters on the list', async () => {
      const tags = `/v2.1/servers/${id}/tags`;
      assert.equal((await c.t.call('GET', tags, { token })).status, 404, 'tags are 2.26');
      assert.deepEqual((await c.t.call('PUT', tags, { token, version: '2.26', body: { tags: ['b', 'a'] } })).body, { tags: ['a', 'b'] });
      assert.equal((await c.t.call('PUT', `${tags}/c`, { token, version: '2.26' })).status, 201);
      assert.equal((await c.t.call('PUT', `${tags}/c`, { token, version: '2.26' })).status, 204);
      assert.equal((await c.t.call('GET', `${tags}/c`, { token, version: '2.26' })).status, 204);
      assert.equal((await c.t.call('GET', `${tags}/zz`, { token, version: '2.26' })).status, 404);
      const ids = async (q: string) => (await c.t.call('GET', `/v2.1/servers?${q}`, { token, version: '2.26' })).body.servers.map((s: { id: string }) => s.id);
      assert.deepEqual(await ids('tags=a,c'), [id]);
      assert.deepEqual(await ids('tags=a,nope'), []);
      assert.deepEqual(await ids('tags-any=nope,c'), [id]);
      assert.deepEqual(await ids('not-tags-any=c'), []);
      assert.equal((await c.t.call('DELETE', `${tags}/c`, { token, version: '2.26' })).status, 204);
      assert.equal((await c.t.call('DELETE', tags, { token, version: '2.26' })).status, 204);
      assert.deepEqual((await c.t.call('GET', tags, { token, version: '2.26' })).body, { tags: [] });
      assert.equal((await c.t.call('PUT', tags, { token, version: '2.26', body: { tags: ['bad/tag'] } })).status, 400);
    });
  });
}
