import assert from 'node:assert/strict';
import { test } from 'node:test';
import { broadcastOf, contains, defaultPools, formatCidr, formatIpv4, netmaskOf, overlaps, parseCidr, parseIpv4 } from './ipv4.js';

test('dotted quads parse strictly and format back', () => {
  assert.equal(parseIpv4('10.0.0.1'), 0x0a000001);
  assert.equal(formatIpv4(0xffffffff), '255.255.255.255');
  for (const bad of ['10.0.0', '10.0.0.256', '010.0.0.1', '1.2.3.4.5', 'a.b.c.d', '']) {
    assert.equal(parseIpv4(bad), undefined, bad);
  }
});

test('CIDRs clear host bits; prefixes past 32 are refused', () => {
  assert.equal(formatCidr(parseCidr('10.1.2.3/24') ?? assert.fail()), '10.1.2.0/24');
  assert.equal(parseCidr('10.0.0.0/33'), undefined);
  assert.equal(parseCidr('10.0.0.0'), undefined);
  const c = parseCidr('192.168.8.0/22') ?? assert.fail();
  assert.equal(formatIpv4(broadcastOf(c)), '192.168.11.255');
  assert.ok(contains(c, parseIpv4('192.168.10.7') ?? 0));
  assert.ok(!contains(c, parseIpv4('192.168.12.1') ?? 0));
  assert.ok(overlaps(c, parseCidr('192.168.9.0/24') ?? assert.fail()));
  assert.ok(!overlaps(c, parseCidr('192.168.12.0/24') ?? assert.fail()));
  assert.equal(netmaskOf(22), '255.255.252.0');
  assert.equal(netmaskOf(0), '0.0.0.0');
});

test("default pools are every host address but the gateway, as Neutron makes them", () => {
  const c = parseCidr('10.0.0.0/24') ?? assert.fail();
  const fmt = (pools: ReturnType<typeof defaultPools>) => pools.map((p) => `${formatIpv4(p.start)}-${formatIpv4(p.end)}`);
  assert.deepEqual(fmt(defaultPools(c, parseIpv4('10.0.0.1'))), ['10.0.0.2-10.0.0.254']);
  assert.deepEqual(fmt(defaultPools(c, parseIpv4('10.0.0.100'))), ['10.0.0.1-10.0.0.99', '10.0.0.101-10.0.0.254']);
  assert.deepEqual(fmt(defaultPools(c, undefined)), ['10.0.0.1-10.0.0.254']);
  assert.deepEqual(fmt(defaultPools(parseCidr('10.0.0.8/31') ?? assert.fail(), undefined)), ['10.0.0.8-10.0.0.9']);
});
