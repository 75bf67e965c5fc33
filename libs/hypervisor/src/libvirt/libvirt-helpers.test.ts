import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readTail } from './console-log.js';
import { parseDacLabel } from './dac-label.js';
import { guestIdOfDomainName, pickDomainType } from './domain-config.js';
import { describeState, powerStateOf } from './guest.js';
import { toDomainError } from './libvirt-errors.js';
import { rootDiskBytes } from './disk.js';

test('libvirt states map to Nova power states; saved memory means suspended', () => {
  assert.equal(powerStateOf(1, false), 'running');
  assert.equal(powerStateOf(3, false), 'paused');
  assert.equal(powerStateOf(5, false), 'shutdown');
  assert.equal(powerStateOf(5, true), 'suspended');
  assert.equal(powerStateOf(6, false), 'crashed');
  assert.equal(describeState(5, 5), 'shutoff/saved');
});

test('domain type: auto prefers kvm, then qemu; a forced type must be offered', () => {
  assert.equal(pickDomainType('auto', ['qemu', 'kvm'], 'qemu:///system'), 'kvm');
  assert.equal(pickDomainType('auto', ['qemu'], 'qemu:///system'), 'qemu');
  assert.equal(pickDomainType('auto', ['test'], 'test:///default'), 'test');
  assert.equal(pickDomainType('qemu', ['qemu', 'kvm'], 'qemu:///system'), 'qemu');
  assert.throws(() => pickDomainType('kvm', ['qemu'], 'qemu:///system'), /not offered/);
});

test('only instance-<uuid> domains are ours', () => {
  assert.equal(
    guestIdOfDomainName('instance-0b7e2a64-5b8f-4a57-9d51-0a1c3c0b9e11'),
    '0b7e2a64-5b8f-4a57-9d51-0a1c3c0b9e11',
  );
  assert.equal(guestIdOfDomainName('test'), undefined);
  assert.equal(guestIdOfDomainName('instance-0b7e2a64-5b8f-4a57-9d51-0a1c3c0b9e11-x'), undefined);
});

test('libvirt errors become the driver kinds', () => {
  const id = '0b7e2a64-5b8f-4a57-9d51-0a1c3c0b9e11';
  assert.equal(
    toDomainError(Object.assign(new Error('Domain not found'), { code: 42 }), { op: 'start', id })
      .kind,
    'not_found',
  );
  assert.equal(
    toDomainError(new Error('Requested operation is not valid: domain is not running'), {
      op: 'pause',
      id,
    }).kind,
    'conflict',
  );
  assert.equal(
    toDomainError(Object.assign(new Error('x'), { code: 5 }), { op: 'list' }).kind,
    'unavailable',
  );
  assert.equal(toDomainError(new Error('weird'), { op: 'list' }).kind, 'internal');
});

test('root disks grow to the flavor size, never below 1 MiB, and refuse too-small flavors', () => {
  const img = { path: '/x', format: 'raw' as const, virtualSize: 512 };
  assert.equal(rootDiskBytes(img, 0), 1024 * 1024);
  assert.equal(rootDiskBytes(img, 1), 1024 ** 3);
  assert.throws(() => rootDiskBytes({ ...img, virtualSize: 2 * 1024 ** 3 }, 1), {
    kind: 'bad_request',
  });
});

test('DAC labels parse; console tails cut to whole lines', async () => {
  assert.deepEqual(parseDacLabel('+64055:+107'), { uid: 64055, gid: 107 });
  assert.equal(parseDacLabel('nope'), undefined);
  const dir = mkdtempSync(join(tmpdir(), 'console-'));
  const file = join(dir, 'console.log');
  writeFileSync(file, 'one\ntwo\nthree\nfour\n');
  assert.equal(await readTail(file, 1024, 2), 'three\nfour\n');
  assert.equal(await readTail(file, 1024), 'one\ntwo\nthree\nfour\n');
  assert.equal(await readTail(file, 12), 'three\nfour\n');
  assert.equal(await readTail(join(dir, 'missing'), 1024), '');
});
