// Medium test: server actions over real HTTP, SQLite and PostgreSQL; agents and the image
// service are in-process stand-ins (see testing/agent-stand-in.ts for why).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDialects } from '@tinystack/testing';
import type { AgentStandIn } from '../testing/agent-stand-in.js';
import { startTestCloud, type TestCloud } from '../testing/test-cloud.js';

for (const dialect of testDialects()) {
  describe(`server actions on ${dialect}`, () => {
    let c: TestCloud;
    let agent: AgentStandIn;
    let token: string;
    let id: string;
    const act = (body: unknown, version?: string, as = token) => c.t.call('POST', `/v2.1/servers/${id}/action`, { token: as, body, version });

    before(async () => {
      c = await startTestCloud(dialect);
      agent = await c.addAgent('host-a');
      token = c.t.tokens.member('p1');
      id = (await c.t.call('POST', '/v2.1/servers', { token, body: { server: { name: 'acted', imageRef: c.image.id, flavorRef: '6' } } }))
        .body.server.id as string;
      await c.waitForStatus(token, id, 'ACTIVE');
    });
    after(() => c.close());

    const expectState = async (status: string, vm: string, power: number) => {
      const s = await c.waitForStatus(token, id, status);
      assert.equal(s['OS-EXT-STS:vm_state'], vm);
      assert.equal(s['OS-EXT-STS:power_state'], power);
    };

    test('stop and start: SHUTOFF then ACTIVE, each 202, carried out by the agent', async () => {
      const stop = await act({ 'os-stop': null });
      assert.equal(stop.status, 202);
      await expectState('SHUTOFF', 'stopped', 4);
      assert.equal(agent.guests.get(id)?.power, 4);
      const again = await act({ 'os-stop': null });
      assert.equal(again.status, 409);
      assert.equal(again.body.conflictingRequest.message, `Cannot 'stop' instance ${id} while it is in vm_state stopped`);
      assert.equal((await act({ 'os-start': null })).status, 202);
      await expectState('ACTIVE', 'active', 1);
    });

    test('reboot SOFT and HARD', async () => {
      assert.equal((await act({ reboot: { type: 'SOFT' } })).status, 202);
      await expectState('ACTIVE', 'active', 1);
      assert.equal((await act({ reboot: { type: 'HARD' } })).status, 202);
      await expectState('ACTIVE', 'active', 1);
      assert.ok(agent.calls.includes(`reboot ${id}`));
      assert.ok(agent.calls.includes(`reboot_hard ${id}`));
      assert.equal((await act({ reboot: { type: 'WARM' } })).status, 400);
      assert.equal((await act({ reboot: {} })).status, 400);
    });

    test('a second action while one runs is refused with 409 (task_state)', async () => {
      agent.spawnDelayMs = 0;
      const slow = agent.stop;
      agent.stop = async (sid) => {
        await new Promise((r) => setTimeout(r, 200));
        return slow(sid);
      };
      try {
        assert.equal((await act({ 'os-stop': null })).status, 202);
        const during = await c.t.call('GET', `/v2.1/servers/${id}`, { token });
        assert.equal(during.body.server['OS-EXT-STS:task_state'], 'powering-off');
        const second = await act({ reboot: { type: 'SOFT' } });
        assert.equal(second.status, 409);
        await expectState('SHUTOFF', 'stopped', 4);
      } finally {
        agent.stop = slow;
      }
      assert.equal((await act({ 'os-start': null })).status, 202);
      await expectState('ACTIVE', 'active', 1);
    });

    test('pause / unpause and suspend / resume', async () => {
      assert.equal((await act({ pause: null })).status, 202);
      await expectState('PAUSED', 'paused', 3);
      assert.equal((await act({ suspend: null })).status, 409, 'suspend needs an active server');
      assert.equal((await act({ unpause: null })).status, 202);
      await expectState('ACTIVE', 'active', 1);
      assert.equal((await act({ suspend: null })).status, 202);
      await expectState('SUSPENDED', 'suspended', 4);
      assert.equal((await act({ resume: null })).status, 202);
      await expectState('ACTIVE', 'active', 1);
    });

    test('console output: 200 with the guest lines, length keeps the last lines', async () => {
      const all = await act({ 'os-getConsoleOutput': {} });
      assert.equal(all.status, 200);
      assert.match(all.body.output, /tinystack test guest acted booted/);
      const last = await act({ 'os-getConsoleOutput': { length: 1 } });
      assert.ok(!last.body.output.includes('booted'));
      assert.equal((await act({ 'os-getConsoleOutput': { length: -2 } })).status, 400);
    });

    test('createImage: Location before 2.45, {image_id} from 2.45; the snapshot is stored with its properties', async () => {
      const old = await act({ createImage: { name: 'snap-a', metadata: { purpose: 'test' } } });
      assert.equal(old.status, 202);
      const location = old.headers.get('location') ?? '';
      assert.match(location, /\/v2\/images\/[0-9a-f-]{36}$/);
      const imageId = location.split('/').pop() ?? '';
      const stored = c.images.images.get(imageId);
      assert.ok(stored, 'the image exists when the answer arrives');
      assert.equal(stored.status, 'active');
      assert.equal(stored.owner, 'p1');
      assert.equal(stored.size, 3 * 1024 * 1024 + 17);
      assert.equal(stored.diskFormat, 'qcow2');
      assert.deepEqual(
        { ...stored.properties },
        { purpose: 'test', image_type: 'snapshot', instance_uuid: id, user_id: 'user-p1', base_image_ref: c.image.id },
      );
      const now = await act({ createImage: { name: 'snap-b' } }, '2.45');
      assert.equal(now.status, 202);
      assert.ok(c.images.images.has(now.body.image_id));
      await expectState('ACTIVE', 'active', 1);
    });

    test('a server booted from the snapshot', async () => {
      const snap = await act({ createImage: { name: 'snap-c' } }, '2.45');
      const second = await c.t.call('POST', '/v2.1/servers', { token, body: { server: { name: 'from-snap', imageRef: snap.body.image_id, flavorRef: '6' } } });
      assert.equal(second.status, 202);
      const s = await c.waitForStatus(token, second.body.server.id, 'ACTIVE');
      assert.equal((s['image'] as { id: string }).id, snap.body.image_id);
      const other = c.t.tokens.member('p2');
      const denied = await c.t.call('POST', '/v2.1/servers', { token: other, body: { server: { name: 'x', imageRef: snap.body.image_id, flavorRef: '6' } } });
      assert.equal(denied.status, 400, 'a private snapshot is not visible to another project');
    });

    test('lock: members get 409 on a locked server, admins pass; lock reason at 2.73', async () => {
      assert.equal((await act({ lock: { locked_reason: 'maintenance' } }, '2.73')).status, 202);
      const shown = (await c.t.call('GET', `/v2.1/servers/${id}`, { token, version: '2.73' })).body.server;
      assert.equal(shown.locked, true);
      assert.equal(shown.locked_reason, 'maintenance');
      const refused = await act({ 'os-stop': null });
      assert.equal(refused.status, 409);
      assert.equal(refused.body.conflictingRequest.message, `Instance ${id} is locked`);
      assert.equal((await c.t.call('DELETE', `/v2.1/servers/${id}`, { token })).status, 409);
      assert.equal((await act({ lock: { locked_reason: 'x' } })).status, 400, 'the reason is a 2.73 field');
      assert.equal((await act({ unlock: null })).status, 202);
      assert.equal((await c.t.call('GET', `/v2.1/servers/${id}`, { token, version: '2.9' })).body.server.locked, false);
    });

    test('unknown actions are 404; malformed bodies 400', async () => {
      assert.equal((await act({ 'os-frobnicate': null })).status, 404);
      assert.equal((await act({ 'os-stop': null, 'os-start': null })).status, 400);
      assert.equal((await act({ 'os-stop': { now: true } })).status, 400);
    });

    test('instance actions list what was done, newest first, with events', async () => {
      const list = await c.t.call('GET', `/v2.1/servers/${id}/os-instance-actions`, { token });
      assert.equal(list.status, 200);
      const names = list.body.instanceActions.map((a: { action: string }) => a.action);
      assert.equal(names[names.length - 1], 'create');
      for (const a of ['stop', 'start', 'reboot', 'pause', 'unpause', 'suspend', 'resume', 'createImage', 'lock', 'unlock']) {
        assert.ok(names.includes(a), a);
      }
      const stop = list.body.instanceActions.find((a: { action: string }) => a.action === 'stop');
      assert.equal(stop.instance_uuid, id);
      assert.match(stop.request_id, /^req-/);
      const member = await c.t.call('GET', `/v2.1/servers/${id}/os-instance-actions/${stop.request_id}`, { token });
      assert.equal(member.body.instanceAction.events, undefined, 'events are for admins before 2.51');
      const admin = await c.t.call('GET', `/v2.1/servers/${id}/os-instance-actions/${stop.request_id}`, { token: c.t.tokens.admin(), version: '2.62' });
      const event = admin.body.instanceAction.events[0];
      assert.equal(event.event, 'compute_stop_instance');
      assert.equal(event.result, 'Success');
      assert.equal(event.host, 'host-a');
      const v258 = await c.t.call('GET', `/v2.1/servers/${id}/os-instance-actions?limit=2`, { token, version: '2.58' });
      assert.equal(v258.body.instanceActions.length, 2);
      assert.ok(v258.body.instanceActions[0].updated_at);
      assert.ok(v258.body.links[0].href.includes('marker='));
    });
  });
}
