import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiVersion, negotiateVersion, requestedVersionText } from './api-version.js';
import { MAX_VERSION, MICROVERSIONS } from './microversions.js';
import { faultNameOf, novaFault } from './nova-fault.shape.js';
import { pickForVersion } from './versioned.decorators.js';

test('versions parse and compare numerically (2.10 > 2.9)', () => {
  assert.ok(ApiVersion.parse('2.10').atLeast('2.9'));
  assert.ok(ApiVersion.parse('2.9').before('2.10'));
  assert.equal(String(ApiVersion.parse('2.0')), '2.0');
  for (const bad of ['2', '2.', '02.1', '2.01', 'x.y', '2.1.1', '']) {
    assert.throws(() => ApiVersion.parse(bad), /invalid format/, bad);
  }
});

test('the history is one ordered list ending at the advertised maximum', () => {
  const versions = MICROVERSIONS.map((m) => ApiVersion.parse(m.version));
  versions.forEach((v, i) => {
    assert.equal(v.major, 2);
    assert.equal(v.minor, i + 1, `entry ${i} is 2.${i + 1}`);
  });
  assert.equal(String(ApiVersion.max), MAX_VERSION);
  assert.equal(MICROVERSIONS.length, ApiVersion.max.minor, 'no version skipped');
});

test('headers: the compute entry of OpenStack-API-Version wins over the legacy header', () => {
  assert.equal(requestedVersionText({ 'openstack-api-version': 'compute 2.60' }), '2.60');
  assert.equal(requestedVersionText({ 'openstack-api-version': 'volume 3.1,compute 2.5' }), '2.5');
  assert.equal(requestedVersionText({ 'openstack-api-version': 'volume 3.1', 'x-openstack-nova-api-version': '2.3' }), '2.3');
  assert.equal(requestedVersionText({}), undefined);
});

test('negotiation: min by default, latest is max, outside the range is unsupported', () => {
  assert.equal(String((negotiateVersion({}) as { version: ApiVersion }).version), '2.1');
  assert.equal(String((negotiateVersion({ 'x-openstack-nova-api-version': 'latest' }) as { version: ApiVersion }).version), MAX_VERSION);
  assert.deepEqual(negotiateVersion({ 'x-openstack-nova-api-version': '3.0' }), { unsupported: '3.0' });
  assert.deepEqual(negotiateVersion({ 'x-openstack-nova-api-version': '2.0' }), { unsupported: '2.0' });
  assert.throws(() => negotiateVersion({ 'x-openstack-nova-api-version': 'two' }));
});

test('pickForVersion takes the newest entry not after the version', () => {
  const by = { '2.1': 'a', '2.19': 'b', '2.37': 'c' };
  assert.equal(pickForVersion(ApiVersion.parse('2.1'), by), 'a');
  assert.equal(pickForVersion(ApiVersion.parse('2.36'), by), 'b');
  assert.equal(pickForVersion(ApiVersion.parse('2.79'), by), 'c');
});

test("Nova's fault names", () => {
  assert.deepEqual(novaFault(404, 'gone'), { itemNotFound: { code: 404, message: 'gone' } });
  assert.equal(faultNameOf(409), 'conflictingRequest');
  assert.equal(faultNameOf(403), 'forbidden');
  assert.equal(faultNameOf(413), 'overLimit');
  assert.equal(faultNameOf(406), 'computeFault');
  assert.equal(faultNameOf(500), 'computeFault');
});
