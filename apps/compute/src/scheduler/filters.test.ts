import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filterHosts } from './filters.js';
import { consume, type HostState, type RequestSpec } from './host-state.js';
import { weighByFreeRam } from './weighers.js';

const NOVA = { cpu: 16, ram: 1.5, disk: 1.0 };

const host = (name: string, over: Partial<HostState> = {}): HostState => ({
  host: name,
  node: name,
  isUp: true,
  disabled: false,
  availabilityZone: 'nova',
  vcpus: 4,
  memoryMb: 8192,
  localGb: 100,
  usedVcpus: 0,
  usedMemoryMb: 0,
  usedDiskGb: 0,
  instances: 0,
  ...over,
});

const spec = (over: Partial<RequestSpec> = {}): RequestSpec => ({ vcpus: 1, memoryMb: 512, diskGb: 1, ...over });

test('down, disabled and already-tried hosts are filtered out', () => {
  const hosts = [host('up'), host('down', { isUp: false }), host('off', { disabled: true }), host('tried')];
  const { hosts: kept } = filterHosts(hosts, spec({ ignoreHosts: ['tried'] }), NOVA);
  assert.deepEqual(kept.map((h) => h.host), ['up']);
});

test('RAM uses the allocation ratio: 8 GiB at 1.5 holds 12 GiB of guests', () => {
  const full = host('a', { usedMemoryMb: 12288 - 512 });
  assert.equal(filterHosts([full], spec({ memoryMb: 512 }), NOVA).hosts.length, 1);
  assert.equal(filterHosts([full], spec({ memoryMb: 513 }), NOVA).hosts.length, 0);
  assert.equal(filterHosts([full], spec({ memoryMb: 513 }), { ...NOVA, ram: 2 }).hosts.length, 1);
});

test('vCPUs use the CPU ratio (16) and disk its ratio (1.0)', () => {
  const busy = host('a', { usedVcpus: 63 });
  assert.equal(filterHosts([busy], spec({ vcpus: 1 }), NOVA).hosts.length, 1);
  assert.equal(filterHosts([busy], spec({ vcpus: 2 }), NOVA).hosts.length, 0);
  const disk = host('a', { usedDiskGb: 99 });
  assert.equal(filterHosts([disk], spec({ diskGb: 1 }), NOVA).hosts.length, 1);
  assert.equal(filterHosts([disk], spec({ diskGb: 2 }), NOVA).hosts.length, 0);
});

test('the trail names the filter that left no host', () => {
  const { hosts, trail } = filterHosts([host('a')], spec({ memoryMb: 999_999 }), NOVA);
  assert.equal(hosts.length, 0);
  assert.deepEqual(trail[trail.length - 1], { filter: 'RamFilter', kept: 0 });
});

test('requested destination and availability zone', () => {
  const hosts = [host('a'), host('b')];
  assert.deepEqual(filterHosts(hosts, spec({ requestedHost: 'b' }), NOVA).hosts.map((h) => h.host), ['b']);
  assert.deepEqual(filterHosts(hosts, spec({ availabilityZone: 'elsewhere' }), NOVA).hosts, []);
});

test('the weigher prefers the most free RAM, which spreads servers over hosts', () => {
  let a = host('a');
  let b = host('b', { memoryMb: 4096 });
  const placed: string[] = [];
  for (let i = 0; i < 4; i++) {
    const best = weighByFreeRam([a, b], NOVA)[0];
    assert.ok(best);
    placed.push(best.host);
    const next = consume(best, spec({ memoryMb: 2048 }));
    if (best.host === 'a') {
      a = next;
    } else {
      b = next;
    }
  }
  assert.deepEqual(placed, ['a', 'a', 'a', 'b'], 'a has 12 GiB free at 1.5, b 6 GiB');
});

test('ties go to the host with fewer servers, then by name', () => {
  const order = weighByFreeRam([host('b', { instances: 1 }), host('c'), host('a', { instances: 1 })], NOVA).map((h) => h.host);
  assert.deepEqual(order, ['c', 'a', 'b']);
});
