// Medium test: scheduling and builds through compute's real gRPC agent registration, with
// in-process agent stand-ins (the agent contract did not exist yet; see testing/agent-stand-in.ts).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DomainError } from '@tinystack/errors';
import { testDialects } from '@tinystack/testing';
import type { AgentStandIn } from '../testing/agent-stand-in.js';
import { startTestCloud, type TestCloud } from '../testing/test-cloud.js';

for (const dialect of testDialects()) {
  describe(`scheduling and builds on ${dialect}`, () => {
    let c: TestCloud;
    let big: AgentStandIn;
    let small: AgentStandIn;
    let admin: string;

    before(async () => {
      c = await startTestCloud(dialect, { env: { COMPUTE_QUOTA_INSTANCES: '-1', COMPUTE_QUOTA_CORES: '-1', COMPUTE_QUOTA_RAM: '-1' } });
      big = await c.addAgent('big', { vcpus: 4, memoryMb: 8192, localGb: 100 });
      small = await c.addAgent('small', { vcpus: 2, memoryMb: 2048, localGb: 100 });
      admin = c.t.tokens.admin();
      const flavor = { flavor: { name: 'g2', ram: 2048, vcpus: 1, disk: 1, id: 'g2' } };
      assert.equal((await c.t.call('POST', '/v2.1/flavors', { token: admin, body: flavor })).status, 200);
      assert.equal((await c.t.call('POST', '/v2.1/flavors', { token: admin, body: { flavor: { name: 'huge', ram: 65536, vcpus: 1, disk: 1, id: 'huge' } } })).status, 200);
    });
    after(() => c.close());

    const boot = async (token: string, flavorRef: string, extra: Record<string, unknown> = {}, version?: string) => {
      const res = await c.t.call('POST', '/v2.1/servers', { token, version, body: { server: { name: 's', imageRef: c.image.id, flavorRef, ...extra } } });
      assert.equal(res.status, 202, JSON.stringify(res.body));
      return res.body.server.id as string;
    };
    const hostOf = async (id: string) => (await c.waitForStatus(admin, id, 'ACTIVE'))['OS-EXT-SRV-ATTR:host'];
    const deleteAll = async () => {
      const all = await c.t.call('GET', '/v2.1/servers?all_tenants=1', { token: admin });
      for (const s of all.body.servers as Array<{ id: string }>) {
        await c.t.call('DELETE', `/v2.1/servers/${s.id}`, { token: admin });
      }
      await c.idle();
    };

    test('servers go to the host with the most free RAM (allocation ratio 1.5), then spill over', async () => {
      const token = c.t.tokens.member('p-spread');
      const hosts: unknown[] = [];
      for (let i = 0; i < 7; i++) {
        hosts.push(await hostOf(await boot(token, 'g2')));
      }
      // big: 12 GiB schedulable, small: 3 GiB: five on big (12-2*5=2 GiB left, less than small's 3), then small
      assert.deepEqual(hosts, ['big', 'big', 'big', 'big', 'big', 'small', 'big']);
      const eighth = await boot(token, 'g2');
      const s = await c.waitForStatus(admin, eighth, 'ERROR');
      assert.match(String((s['fault'] as { message: string }).message), /^No valid host was found/);
      await deleteAll();
    });

    test('no host fits: ERROR with a NoValidHost fault; members see no details', async () => {
      const token = c.t.tokens.member('p-huge');
      const id = await boot(token, 'huge');
      const s = await c.waitForStatus(token, id, 'ERROR');
      const fault = s['fault'] as Record<string, unknown>;
      assert.equal(fault['code'], 500);
      assert.equal(fault['message'], 'No valid host was found. There are not enough hosts available. (RamFilter returned 0 hosts)');
      assert.equal(fault['details'], undefined);
      assert.equal(s['OS-EXT-STS:power_state'], 0);
      const adminView = (await c.t.call('GET', `/v2.1/servers/${id}`, { token: admin })).body.server;
      assert.ok(adminView.fault.details);
      assert.equal(adminView['OS-EXT-SRV-ATTR:host'], null);
      const actions = (await c.t.call('GET', `/v2.1/servers/${id}/os-instance-actions`, { token })).body.instanceActions;
      assert.equal(actions[0].action, 'create');
      assert.equal((await c.t.call('DELETE', `/v2.1/servers/${id}`, { token })).status, 204);
      await c.waitFor(token, id, (_s, status) => status === 404);
    });

    test('a spawn that fails on one host is retried on the other', async () => {
      big.failSpawns = new DomainError('internal', 'libvirt exploded');
      try {
        const id = await boot(c.t.tokens.member('p-retry'), 'g2');
        assert.equal(await hostOf(id), 'small');
        assert.ok(big.calls.includes(`spawn ${id}`));
        const create = (await c.t.call('GET', `/v2.1/servers/${id}/os-instance-actions`, { token: admin })).body.instanceActions[0];
        const events = (await c.t.call('GET', `/v2.1/servers/${id}/os-instance-actions/${create.request_id}`, { token: admin })).body.instanceAction.events;
        assert.deepEqual(
          events.filter((e: { event: string }) => e.event === 'compute__do_build_and_run_instance').map((e: { result: string }) => e.result),
          ['Error', 'Success'],
        );
      } finally {
        big.failSpawns = undefined;
      }
      await deleteAll();
    });

    test('when every host fails the build ends in ERROR after the retries', async () => {
      big.failSpawns = small.failSpawns = new DomainError('internal', 'no disk');
      try {
        const id = await boot(c.t.tokens.member('p-fail'), 'g2');
        const s = await c.waitForStatus(admin, id, 'ERROR');
        assert.match(String((s['fault'] as { message: string }).message), /Exhausted all hosts available for retrying build failures.*no disk/);
      } finally {
        big.failSpawns = small.failSpawns = undefined;
      }
      await deleteAll();
    });

    test('an invalid guest (bad_request from the agent) fails at once, without retries', async () => {
      big.failSpawns = new DomainError('bad_request', 'image has a backing file');
      try {
        const id = await boot(c.t.tokens.member('p-bad'), 'g2');
        const s = await c.waitForStatus(admin, id, 'ERROR');
        assert.equal((s['fault'] as { message: string }).message, `Build of instance ${id} aborted: image has a backing file`);
        assert.ok(!small.calls.includes(`spawn ${id}`));
      } finally {
        big.failSpawns = undefined;
      }
      await deleteAll();
    });

    test('admins may pick the host (2.74); disabled hosts get nothing', async () => {
      const id = await boot(admin, 'g2', { host: 'small', networks: 'auto' }, '2.74');
      assert.equal(await hostOf(id), 'small');
      const unknown = await c.t.call('POST', '/v2.1/servers', {
        token: admin,
        version: '2.74',
        body: { server: { name: 'x', imageRef: c.image.id, flavorRef: 'g2', host: 'nowhere', networks: 'auto' } },
      });
      assert.equal(unknown.status, 400);
      const services = (await c.t.call('GET', '/v2.1/os-services?binary=nova-compute&host=big', { token: admin, version: '2.53' })).body.services;
      const off = await c.t.call('PUT', `/v2.1/os-services/${services[0].id}`, { token: admin, version: '2.53', body: { status: 'disabled', disabled_reason: 'maint' } });
      assert.equal(off.body.service.status, 'disabled');
      assert.equal(await hostOf(await boot(c.t.tokens.member('p-dis'), '6')), 'small');
      await c.t.call('PUT', `/v2.1/os-services/${services[0].id}`, { token: admin, version: '2.53', body: { status: 'enabled' } });
      await deleteAll();
    });

    test('deleting a server while it builds removes the guest the build made', async () => {
      big.spawnDelayMs = small.spawnDelayMs = 300;
      try {
        const token = c.t.tokens.member('p-early');
        const id = await boot(token, 'g2');
        await new Promise((r) => setTimeout(r, 50));
        assert.equal((await c.t.call('DELETE', `/v2.1/servers/${id}`, { token })).status, 204);
        await c.waitFor(token, id, (_s, status) => status === 404);
        await c.idle();
        assert.ok(!big.guests.has(id) && !small.guests.has(id));
      } finally {
        big.spawnDelayMs = small.spawnDelayMs = 0;
      }
    });

    test('quotas are enforced at create: 403 over, partial max_count within', async () => {
      const project = 'p-quota';
      const token = c.t.tokens.member(project);
      assert.equal((await c.t.call('PUT', `/v2.1/os-quota-sets/${project}`, { token: admin, body: { quota_set: { instances: 2 } } })).status, 200);
      const res = await c.t.call('POST', '/v2.1/servers', { token, body: { server: { name: 'q', imageRef: c.image.id, flavorRef: '6', max_count: 5 } } });
      assert.equal(res.status, 202);
      const listed = (await c.t.call('GET', '/v2.1/servers', { token })).body.servers;
      assert.equal(listed.length, 2, 'max_count is cut to what the quota allows');
      const over = await c.t.call('POST', '/v2.1/servers', { token, body: { server: { name: 'q3', imageRef: c.image.id, flavorRef: '6' } } });
      assert.equal(over.status, 403);
      assert.equal(over.body.forbidden.message, 'Quota exceeded for instances: Requested 1, but already used 2 of 2 instances');
      const cores = c.t.tokens.member('p-cores');
      await c.t.call('PUT', '/v2.1/os-quota-sets/p-cores', { token: admin, body: { quota_set: { cores: 1 } } });
      const tooMany = await c.t.call('POST', '/v2.1/servers', { token: cores, body: { server: { name: 'q', imageRef: c.image.id, flavorRef: '6', min_count: 2 } } });
      assert.equal(tooMany.status, 403);
      assert.match(tooMany.body.forbidden.message, /^Quota exceeded for cores: Requested 2, but already used 0 of 1 cores$/);
      await deleteAll();
    });
  });
}
