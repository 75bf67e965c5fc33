import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDialects } from '@tinystack/testing';
import { startTestComputeOn, type TestCompute } from '../testing/test-compute.js';

for (const dialect of testDialects()) {
  describe(`quota sets and limits on ${dialect}`, () => {
    let t: TestCompute;
    before(async () => {
      t = await startTestComputeOn(dialect);
    });
    after(() => t.close());

    test('show: the defaults, with the fields of the microversion', async () => {
      const token = t.tokens.member('p1');
      const at21 = await t.call('GET', '/v2.1/os-quota-sets/p1', { token });
      assert.equal(at21.status, 200);
      assert.equal(at21.body.quota_set.id, 'p1');
      assert.equal(at21.body.quota_set.instances, 10);
      assert.equal(at21.body.quota_set.cores, 20);
      assert.equal(at21.body.quota_set.ram, 51200);
      assert.equal(at21.body.quota_set.key_pairs, 100);
      assert.equal(at21.body.quota_set.floating_ips, 10);
      assert.equal(at21.body.quota_set.injected_files, 5);
      const at257 = await t.call('GET', '/v2.1/os-quota-sets/p1', { token, version: '2.57' });
      assert.equal(at257.body.quota_set.floating_ips, undefined);
      assert.equal(at257.body.quota_set.injected_files, undefined);
      assert.equal(at257.body.quota_set.server_groups, 10);
    });

    test("a member may not read another project's quotas; an admin may", async () => {
      assert.equal((await t.call('GET', '/v2.1/os-quota-sets/p2', { token: t.tokens.member('p1') })).status, 403);
      assert.equal((await t.call('GET', '/v2.1/os-quota-sets/p2', { token: t.tokens.admin() })).status, 200);
    });

    test('admins update (only known fields) and reset; members may not', async () => {
      const admin = t.tokens.admin();
      const body = { quota_set: { instances: 3, cores: -1 } };
      assert.equal((await t.call('PUT', '/v2.1/os-quota-sets/p3', { token: t.tokens.member('p3'), body })).status, 403);
      const res = await t.call('PUT', '/v2.1/os-quota-sets/p3', { token: admin, body });
      assert.equal(res.status, 200);
      assert.equal(res.body.quota_set.instances, 3);
      assert.equal(res.body.quota_set.cores, -1);
      assert.equal(res.body.quota_set.id, undefined);
      const shown = await t.call('GET', '/v2.1/os-quota-sets/p3', { token: t.tokens.member('p3') });
      assert.equal(shown.body.quota_set.instances, 3);
      assert.equal((await t.call('PUT', '/v2.1/os-quota-sets/p3', { token: admin, body: { quota_set: { bogus: 1 } } })).status, 400);
      assert.equal(
        (await t.call('PUT', '/v2.1/os-quota-sets/p3', { token: admin, version: '2.57', body: { quota_set: { injected_files: 1 } } })).status,
        400,
        'injected_files is gone at 2.57',
      );
      assert.equal((await t.call('DELETE', '/v2.1/os-quota-sets/p3', { token: admin })).status, 202);
      const reset = await t.call('GET', '/v2.1/os-quota-sets/p3', { token: admin });
      assert.equal(reset.body.quota_set.instances, 10);
    });

    test('detail and defaults', async () => {
      const token = t.tokens.member('p1');
      const detail = await t.call('GET', '/v2.1/os-quota-sets/p1/detail', { token });
      assert.deepEqual(detail.body.quota_set.instances, { in_use: 0, limit: 10, reserved: 0 });
      const defaults = await t.call('GET', '/v2.1/os-quota-sets/p1/defaults', { token });
      assert.equal(defaults.body.quota_set.ram, 51200);
    });

    test('limits: absolute limits and usage, per microversion', async () => {
      const token = t.tokens.member('p1');
      const at21 = await t.call('GET', '/v2.1/limits', { token });
      assert.equal(at21.status, 200);
      assert.deepEqual(at21.body.limits.rate, []);
      const abs = at21.body.limits.absolute;
      assert.equal(abs.maxTotalInstances, 10);
      assert.equal(abs.maxTotalCores, 20);
      assert.equal(abs.maxTotalRAMSize, 51200);
      assert.equal(abs.totalInstancesUsed, 0);
      assert.equal(abs.maxSecurityGroups, 10);
      assert.equal(abs.maxImageMeta, 128);
      const at257 = (await t.call('GET', '/v2.1/limits', { token, version: '2.57' })).body.limits.absolute;
      assert.equal(at257.maxSecurityGroups, undefined);
      assert.equal(at257.maxImageMeta, undefined);
      assert.equal(at257.maxPersonality, undefined);
      assert.equal(at257.maxTotalKeypairs, 100);
    });
  });
}
