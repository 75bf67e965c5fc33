import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestCompute, type TestCompute } from '../testing/test-compute.js';
import { MAX_VERSION } from './microversions.js';

let t: TestCompute;
before(async () => {
  t = await startTestCompute();
});
after(() => t.close());

test('GET / lists v2.1 with min and max microversion, 200 and no token', async () => {
  const res = await t.call('GET', '/');
  assert.equal(res.status, 200);
  assert.deepEqual(res.body.versions.map((v: { id: string }) => v.id), ['v2.1']);
  const v = res.body.versions[0];
  assert.equal(v.status, 'CURRENT');
  assert.equal(v.version, MAX_VERSION);
  assert.equal(v.min_version, '2.1');
  assert.deepEqual(v.links, [{ rel: 'self', href: 'http://compute.test:8774/v2.1/' }]);
});

test('GET /v2.1 and /v2.1/ answer the version document', async () => {
  for (const path of ['/v2.1', '/v2.1/']) {
    const res = await t.call('GET', path);
    assert.equal(res.status, 200, path);
    assert.equal(res.body.version.id, 'v2.1');
    assert.equal(res.body.version.version, MAX_VERSION);
    assert.equal(res.body.version['media-types'][0].base, 'application/json');
  }
});

test('the microversion is echoed in both header styles, from either header, with Vary', async () => {
  const token = t.tokens.member('p1');
  const plain = await t.call('GET', '/v2.1/flavors', { token });
  assert.equal(plain.headers.get('openstack-api-version'), 'compute 2.1');
  assert.equal(plain.headers.get('x-openstack-nova-api-version'), '2.1');
  assert.match(plain.headers.get('vary') ?? '', /OpenStack-API-Version/);
  const legacy = await t.call('GET', '/v2.1/flavors', { token, headers: { 'X-OpenStack-Nova-API-Version': '2.10' } });
  assert.equal(legacy.headers.get('openstack-api-version'), 'compute 2.10');
  const modern = await t.call('GET', '/v2.1/flavors', { token, version: '2.61' });
  assert.equal(modern.headers.get('x-openstack-nova-api-version'), '2.61');
  const latest = await t.call('GET', '/v2.1/flavors', { token, version: 'latest' });
  assert.equal(latest.headers.get('x-openstack-nova-api-version'), MAX_VERSION);
  const both = await t.call('GET', '/v2.1/flavors', {
    token,
    headers: { 'OpenStack-API-Version': 'volume 3.5, compute 2.47', 'X-OpenStack-Nova-API-Version': '2.3' },
  });
  assert.equal(both.headers.get('x-openstack-nova-api-version'), '2.47', 'the new header wins');
});

test('a version out of range is 406 and a malformed one 400, in Nova fault shape', async () => {
  const token = t.tokens.member('p1');
  const high = await t.call('GET', '/v2.1/flavors', { token, version: '2.999' });
  assert.equal(high.status, 406);
  assert.match(high.body.computeFault.message, /Version 2.999 is not supported by the API. Minimum is 2.1 and maximum is/);
  const bad = await t.call('GET', '/v2.1/flavors', { token, version: '2.01' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.badRequest.code, 400);
  assert.match(bad.body.badRequest.message, /invalid format/);
});

test('errors take Nova fault shapes: 401 without a token, 404 for unknown routes', async () => {
  const unauth = await t.call('GET', '/v2.1/flavors');
  assert.equal(unauth.status, 401);
  assert.equal(unauth.body.unauthorized.code, 401);
  assert.match(unauth.headers.get('content-type') ?? '', /application\/json/);
  const missing = await t.call('GET', '/v2.1/no-such-thing', { token: t.tokens.member('p1') });
  assert.equal(missing.status, 404);
  assert.equal(missing.body.itemNotFound.code, 404);
});

test('a legacy /v2.1/{project_id}/ prefix reaches the same resources', async () => {
  const res = await t.call('GET', '/v2.1/p1/flavors/1', { token: t.tokens.member('p1') });
  assert.equal(res.status, 200);
  assert.equal(res.body.flavor.name, 'm1.tiny');
});

test('health is ok once started', async () => {
  const res = await t.call('GET', '/healthz');
  assert.equal(res.status, 200);
  assert.equal(res.body.status, 'ok');
});
