import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiVersion } from '../http/api-version.js';
import { fittingCount, quotaResourcesAt } from './quota-resources.js';

const limits = { instances: 10, cores: 20, ram: 51200 };

test('all fit within the headroom', () => {
  assert.deepEqual(fittingCount(limits, { instances: 0, cores: 0, ram: 0 }, { vcpus: 1, ram: 512 }, 3), { count: 3 });
});

test('the tightest resource limits the count and is named', () => {
  assert.deepEqual(fittingCount(limits, { instances: 9, cores: 0, ram: 0 }, { vcpus: 1, ram: 512 }, 3), { count: 1, limitedBy: 'instances' });
  assert.deepEqual(fittingCount(limits, { instances: 0, cores: 18, ram: 0 }, { vcpus: 2, ram: 512 }, 3), { count: 1, limitedBy: 'cores' });
  assert.deepEqual(fittingCount(limits, { instances: 0, cores: 0, ram: 51000 }, { vcpus: 1, ram: 512 }, 1), { count: 0, limitedBy: 'ram' });
});

test('-1 is unlimited', () => {
  assert.deepEqual(fittingCount({ instances: -1, cores: -1, ram: -1 }, { instances: 1e6, cores: 1e6, ram: 1e9 }, { vcpus: 64, ram: 1e6 }, 5), { count: 5 });
});

test('quota set fields by microversion', () => {
  assert.ok(quotaResourcesAt(ApiVersion.parse('2.35')).includes('floating_ips'));
  assert.ok(!quotaResourcesAt(ApiVersion.parse('2.36')).includes('floating_ips'));
  assert.ok(quotaResourcesAt(ApiVersion.parse('2.56')).includes('injected_files'));
  assert.ok(!quotaResourcesAt(ApiVersion.parse('2.57')).includes('injected_files'));
  assert.ok(quotaResourcesAt(ApiVersion.parse('2.79')).includes('key_pairs'));
});
