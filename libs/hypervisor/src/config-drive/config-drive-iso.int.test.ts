import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { tempDir } from '@tinystack/testing';
import { writeConfigDriveIso } from './config-drive-iso.js';

const tmp = tempDir('config-drive-');
after(() => tmp.cleanup());

test('the config drive is an ISO9660 volume labelled config-2 holding the OpenStack layout', async () => {
  const iso = `${tmp.path}/disk.config`;
  await writeConfigDriveIso(
    {
      uuid: '0b7e2a64-5b8f-4a57-9d51-0a1c3c0b9e11',
      name: '../../etc',
      metadata: { '../x': 'y' },
      publicKeys: {},
      userData: Buffer.from('hi'),
    },
    iso,
  );
  const bytes = readFileSync(iso);
  assert.equal(bytes.subarray(32769, 32774).toString(), 'CD001');
  assert.equal(bytes.subarray(32808, 32816).toString(), 'config-2');
  const listing = execFileSync('/usr/bin/isoinfo', ['-R', '-f', '-i', iso]).toString().split('\n');
  assert.ok(listing.includes('/openstack/latest/meta_data.json'));
  assert.ok(listing.includes('/openstack/latest/user_data'));
  assert.ok(
    listing.every((l) => l === '' || l.startsWith('/openstack')),
    'only the layout, whatever the names say',
  );
  const meta = execFileSync('/usr/bin/isoinfo', [
    '-R',
    '-i',
    iso,
    '-x',
    '/openstack/latest/meta_data.json',
  ]).toString();
  assert.equal((JSON.parse(meta) as { uuid: string }).uuid, '0b7e2a64-5b8f-4a57-9d51-0a1c3c0b9e11');
});
