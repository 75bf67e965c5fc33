// Medium test: os-hypervisors, os-services and os-availability-zone over real HTTP, with
// agents registered through compute's gRPC contract by in-process stand-ins.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDialects } from '@tinystack/testing';
import { startTestCloud, type TestCloud } from '../testing/test-cloud.js';

for (const dialect of testDialects()) {
  describe(`admin APIs on ${dialect}`, () => {
    let c: TestCloud;
    let admin: string;
    before(async () => {
      c = await startTestCloud(dialect);
      await c.addAgent('host-a', { vcpus: 4, memoryMb: 8192, localGb: 100 });
      await c.addAgent('host-b', { vcpus: 2, memoryMb: 4096, localGb: 50 });
      admin = c.t.tokens.admin();
      const token = c.t.tokens.member('p1');
      const res = await c.t.call('POST', '/v2.1/servers', { token, body: { server: { name: 'x', imageRef: c.image.id, flavorRef: '1', availability_zone: 'nova:host-a' } } });
      assert.equal(res.status, 403, 'forcing a host is for admins');
      const ok = await c.t.call('POST', '/v2.1/servers', { token: admin, body: { server: { name: 'x', imageRef: c.image.id, flavorRef: '1', availability_zone: 'nova:host-a' } } });
      await c.waitForStatus(admin, ok.body.server.id, 'ACTIVE');
    });
    after(() => c.close());

    test('hypervisors: integer ids before 2.53, UUIDs after; usage from compute records', async () => {
      const list = (await c.t.call('GET', '/v2.1/os-hypervisors', { token: admin })).body.hypervisors;
      assert.deepEqual(list.map((h: { hypervisor_hostname: string }) => h.hypervisor_hostname), ['host-a', 'host-b']);
      assert.equal(typeof list[0].id, 'number');
      assert.deepEqual(Object.keys(list[0]).sort(), ['hypervisor_hostname', 'id', 'state', 'status']);
      const detail = (await c.t.call('GET', '/v2.1/os-hypervisors/detail', { token: admin })).body.hypervisors[0];
      assert.equal(detail.vcpus, 4);
      assert.equal(detail.vcpus_used, 1);
      assert.equal(detail.memory_mb_used, 512);
      assert.equal(detail.free_ram_mb, 8192 - 512);
      assert.equal(detail.running_vms, 1);
      assert.equal(detail.hypervisor_type, 'QEMU');
      assert.equal(typeof detail.cpu_info, 'string', 'cpu_info is a string before 2.28');
      const at253 = (await c.t.call('GET', '/v2.1/os-hypervisors/detail', { token: admin, version: '2.53' })).body.hypervisors[0];
      assert.match(at253.id, /^[0-9a-f-]{36}$/);
      assert.deepEqual(at253.cpu_info, { arch: 'x86_64' });
      const shown = await c.t.call('GET', `/v2.1/os-hypervisors/${at253.id}?with_servers=true`, { token: admin, version: '2.53' });
      assert.equal(shown.body.hypervisor.servers.length, 1);
      assert.equal((await c.t.call('GET', `/v2.1/os-hypervisors/${list[0].id}`, { token: admin })).status, 200);
      const stats = (await c.t.call('GET', '/v2.1/os-hypervisors/statistics', { token: admin })).body.hypervisor_statistics;
      assert.equal(stats.count, 2);
      assert.equal(stats.vcpus, 6);
      assert.equal(stats.running_vms, 1);
      const page = await c.t.call('GET', '/v2.1/os-hypervisors?limit=1', { token: admin, version: '2.33' });
      assert.equal(page.body.hypervisors.length, 1);
      assert.ok(page.body.hypervisors_links);
      assert.equal((await c.t.call('GET', '/v2.1/os-hypervisors', { token: c.t.tokens.member('p1') })).status, 403);
      const uptime = await c.t.call('GET', `/v2.1/os-hypervisors/${list[0].id}/uptime`, { token: admin });
      assert.equal(uptime.status, 501, 'openstackclient catches HTTPNotImplemented');
      assert.equal(uptime.body.notImplemented.code, 501);
      assert.deepEqual((await c.t.call('GET', '/v2.1/os-aggregates', { token: admin })).body, { aggregates: [] });
    });

    test('services: compute per agent plus scheduler and conductor; disable and force down', async () => {
      const services = (await c.t.call('GET', '/v2.1/os-services', { token: admin, version: '2.11' })).body.services;
      const binaries = services.map((s: { binary: string; host: string }) => `${s.binary}@${s.host}`);
      assert.ok(binaries.includes('nova-compute@host-a'));
      assert.ok(binaries.includes('nova-compute@host-b'));
      assert.ok(services.some((s: { binary: string }) => s.binary === 'nova-scheduler'));
      const compute = services.find((s: { host: string }) => s.host === 'host-b');
      assert.deepEqual(
        { state: compute.state, status: compute.status, zone: compute.zone, forced_down: compute.forced_down },
        { state: 'up', status: 'enabled', zone: 'nova', forced_down: false },
      );
      const legacy = await c.t.call('PUT', '/v2.1/os-services/disable-log-reason', {
        token: admin,
        body: { host: 'host-b', binary: 'nova-compute', disabled_reason: 'disk swap' },
      });
      assert.deepEqual(legacy.body.service, { host: 'host-b', binary: 'nova-compute', status: 'disabled', disabled_reason: 'disk swap' });
      const down = await c.t.call('PUT', '/v2.1/os-services/force-down', { token: admin, version: '2.11', body: { host: 'host-b', binary: 'nova-compute', forced_down: true } });
      assert.equal(down.body.service.forced_down, true);
      const hb = (await c.t.call('GET', '/v2.1/os-hypervisors', { token: admin })).body.hypervisors.find((h: { hypervisor_hostname: string }) => h.hypervisor_hostname === 'host-b');
      assert.deepEqual({ state: hb.state, status: hb.status }, { state: 'down', status: 'disabled' });
      const uuid = (await c.t.call('GET', '/v2.1/os-services?host=host-b', { token: admin, version: '2.53' })).body.services[0].id;
      const back = await c.t.call('PUT', `/v2.1/os-services/${uuid}`, { token: admin, version: '2.53', body: { status: 'enabled', forced_down: false } });
      assert.deepEqual({ status: back.body.service.status, forced_down: back.body.service.forced_down, reason: back.body.service.disabled_reason }, { status: 'enabled', forced_down: false, reason: null });
      const busy = (await c.t.call('GET', '/v2.1/os-services?host=host-a&binary=nova-compute', { token: admin, version: '2.53' })).body.services[0].id;
      assert.equal((await c.t.call('DELETE', `/v2.1/os-services/${busy}`, { token: admin, version: '2.53' })).status, 409);
      assert.equal((await c.t.call('GET', '/v2.1/os-services', { token: c.t.tokens.member('p1') })).status, 403);
    });

    test('availability zones: nova for everyone, internal in the admin detail', async () => {
      const list = await c.t.call('GET', '/v2.1/os-availability-zone', { token: c.t.tokens.member('p1') });
      assert.deepEqual(list.body, { availabilityZoneInfo: [{ zoneName: 'nova', zoneState: { available: true }, hosts: null }] });
      const detail = (await c.t.call('GET', '/v2.1/os-availability-zone/detail', { token: admin })).body.availabilityZoneInfo;
      const nova = detail.find((z: { zoneName: string }) => z.zoneName === 'nova');
      assert.equal(nova.hosts['host-a']['nova-compute'].available, true);
      assert.ok(detail.some((z: { zoneName: string }) => z.zoneName === 'internal'));
      assert.equal((await c.t.call('GET', '/v2.1/os-availability-zone/detail', { token: c.t.tokens.member('p1') })).status, 403);
    });
  });
}
