import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configDriveFiles, hostnameOf, metaDataOf, METADATA_VERSIONS } from './config-drive.js';

const data = {
  uuid: '0b7e2a64-5b8f-4a57-9d51-0a1c3c0b9e11',
  name: 'Web Server #1',
  metadata: { role: 'web' },
  publicKeys: { mykey: 'ssh-ed25519 AAAAC3Nz test@host' },
  userData: Buffer.from('#cloud-config\nruncmd: [echo hi]\n'),
};

test('every metadata version cloud-init knows gets meta_data.json, user_data and the JSON documents', () => {
  const files = configDriveFiles(data);
  for (const v of METADATA_VERSIONS) {
    for (const f of [
      'meta_data.json',
      'user_data',
      'network_data.json',
      'vendor_data.json',
      'vendor_data2.json',
    ]) {
      assert.ok(files.has(`openstack/${v}/${f}`), `openstack/${v}/${f}`);
    }
  }
  assert.ok(files.has('openstack/latest/meta_data.json'));
  assert.deepEqual(Buffer.from(files.get('openstack/latest/user_data')!), data.userData);
  for (const path of files.keys()) {
    assert.match(path, /^openstack\/[0-9a-z-]+\/[a-z_0-9]+(\.json)?$/);
  }
});

test('meta_data.json carries the uuid first, the name, metadata and the public key as cloud-init reads them', () => {
  const text = Buffer.from(
    configDriveFiles(data).get('openstack/latest/meta_data.json')!,
  ).toString();
  assert.ok(
    text.startsWith(`{"uuid":"${data.uuid}"`),
    'the guest init reads the uuid as the first key',
  );
  const meta = JSON.parse(text) as Record<string, unknown>;
  assert.equal(meta['name'], 'Web Server #1');
  assert.equal(meta['hostname'], 'web-server-1');
  assert.deepEqual(meta['meta'], { role: 'web' });
  assert.deepEqual(meta['public_keys'], { mykey: 'ssh-ed25519 AAAAC3Nz test@host' });
  assert.deepEqual(meta['keys'], [
    { name: 'mykey', type: 'ssh', data: 'ssh-ed25519 AAAAC3Nz test@host' },
  ]);
  assert.equal(Buffer.from(meta['random_seed'] as string, 'base64').length, 512);
});

test('no user_data file without user data; hostnames are sanitised', () => {
  const files = configDriveFiles({ ...data, userData: undefined });
  assert.equal([...files.keys()].filter((k) => k.endsWith('user_data')).length, 0);
  assert.equal(hostnameOf('../../etc/passwd'), 'etc-passwd');
  assert.equal(hostnameOf('***'), 'server');
  assert.equal(hostnameOf('x'.repeat(100)).length, 63);
  assert.equal(metaDataOf({ ...data, hostname: 'given' })['hostname'], 'given');
});
