import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  actionsFor,
  ImportKeypairSchema,
  LaunchSchema,
  NewFlavorSchema,
  quotaProblems,
} from './compute.schemas.ts';

const quota = [
  { resource: 'instances', limit: 10, inUse: 8 },
  { resource: 'cores', limit: 20, inUse: 18 },
  { resource: 'ram', limit: -1, inUse: 4096 },
];

test('launch: name, image and flavor are required; count is 1 to 20', () => {
  const bad = LaunchSchema.safeParse({ name: ' ', imageId: '', flavorId: '', count: '0' });
  assert.equal(bad.success, false);
  const paths = bad.error?.issues.map((i) => i.path[0]).sort();
  assert.deepEqual(paths, ['count', 'flavorId', 'imageId', 'name']);
  const ok = LaunchSchema.parse({ name: 'web', imageId: 'i', flavorId: 'f', count: '2' });
  assert.equal(ok.count, 2);
  assert.equal(ok.userData, '');
  assert.equal(ok.networks, 'auto', 'get-me-a-network unless the user chose otherwise');
});

test('quota: the count and the flavor get the errors that concern them', () => {
  assert.deepEqual(quotaProblems(quota, { vcpus: 1, ramMb: 64 }, 2), {});
  const over = quotaProblems(quota, { vcpus: 2, ramMb: 64 }, 3);
  assert.match(over.count?.[0] ?? '', /allows 2 more instances/);
  assert.match(over.flavorId?.[0] ?? '', /3 × 2 vCPU is more than the 2 vCPUs left/);
  assert.deepEqual(quotaProblems([], { vcpus: 64, ramMb: 1 << 20 }, 20), {}, 'no limits known');
  const full = quotaProblems([{ resource: 'instances', limit: 1, inUse: 1 }], undefined, 1);
  assert.match(full.count?.[0] ?? '', /no instances left/);
});

test('actions offered follow the status; none while a task runs', () => {
  assert.deepEqual(actionsFor('SHUTOFF', ''), ['start']);
  assert.ok(actionsFor('ACTIVE', '').includes('stop'));
  assert.deepEqual(actionsFor('ACTIVE', 'rebooting'), []);
});

test('key pair import wants an OpenSSH public key; flavors need sane sizes', () => {
  assert.equal(ImportKeypairSchema.safeParse({ name: 'k', publicKey: 'hello' }).success, false);
  assert.equal(
    ImportKeypairSchema.safeParse({ name: 'k', publicKey: 'ssh-ed25519 AAAAC3Nz me@host' }).success,
    true,
  );
  const f = NewFlavorSchema.parse({
    name: 'x',
    vcpus: '1',
    ramMb: '64',
    diskGb: '0',
    isPublic: 'on',
  });
  assert.equal(f.isPublic, true);
  assert.equal(
    NewFlavorSchema.safeParse({ name: 'x', vcpus: '0', ramMb: '64', diskGb: '0' }).success,
    false,
  );
});
