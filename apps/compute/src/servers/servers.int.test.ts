// Medium test: the servers API on real HTTP with SQLite and PostgreSQL. The agents and the
// image service are stand-ins (testing/agent-stand-in.ts, testing/image-stand-in.ts): the
// agent contract did not exist yet and an app cannot start another app.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDialects } from '@tinystack/testing';
import type { AgentStandIn } from '../testing/agent-stand-in.js';
import { startTestCloud, type TestCloud } from '../testing/test-cloud.js';

const SERVER_KEYS_21 = [
  'OS-DCF:diskConfig', 'OS-EXT-AZ:availability_zone', 'OS-EXT-STS:power_state', 'OS-EXT-STS:task_state', 'OS-EXT-STS:vm_state',
  'OS-SRV-USG:launched_at', 'OS-SRV-USG:terminated_at', 'accessIPv4', 'accessIPv6', 'addresses', 'config_drive', 'created',
  'flavor', 'hostId', 'id', 'image', 'key_name', 'links', 'metadata', 'name', 'os-extended-volumes:volumes_attached',
  'security_groups', 'status', 'tenant_id', 'updated', 'user_id',
];

for (const dialect of testDialects()) {
  describe(`servers on ${dialect}`, () => {
    let c: TestCloud;
    let agent: AgentStandIn;
    let member: string;
    const boot = (token: string, server: Record<string, unknown> = {}, version?: string) =>
      c.t.call('POST', '/v2.1/servers', { token, version, body: { server: { name: 'vm', imageRef: c.image.id, flavorRef: '6', ...server } } });

    before(async () => {
      c = await startTestCloud(dialect);
      agent = await c.addAgent('host-a');
      member = c.t.tokens.member('p1');
    });
    after(() => c.close());

    test('create answers 202 with Location, then the server goes BUILD to ACTIVE on the agent', async () => {
      const res = await boot(member, { metadata: { role: 'web' }, user_data: Buffer.from('#!/bin/sh\necho hi').toString('base64') });
      assert.equal(res.status, 202);
      const id = res.body.server.id as string;
      assert.match(id, /^[0-9a-f-]{36}$/);
      assert.deepEqual(Object.keys(res.body.server).sort(), ['OS-DCF:diskConfig', 'id', 'links', 'security_groups']);
      assert.equal(res.headers.get('location'), `http://compute.test:8774/v2.1/servers/${id}`);
      const first = await c.t.call('GET', `/v2.1/servers/${id}`, { token: member });
      assert.ok(['BUILD', 'ACTIVE'].includes(first.body.server.status));
      const active = await c.waitForStatus(member, id, 'ACTIVE');
      assert.equal(active['OS-EXT-STS:vm_state'], 'active');
      assert.equal(active['OS-EXT-STS:power_state'], 1);
      assert.ok(agent.guests.has(id), 'the agent runs the guest');
      assert.equal(agent.guests.get(id)?.request.userData, Buffer.from('#!/bin/sh\necho hi').toString('base64'));
      assert.deepEqual(agent.guests.get(id)?.request.metadata, { role: 'web' });
    });

    test('show at 2.1: a closed schema, no admin fields for members, flavor and image linked', async () => {
      const id = (await boot(member, { name: 'shown' })).body.server.id as string;
      const s = await c.waitForStatus(member, id, 'ACTIVE');
      assert.deepEqual(Object.keys(s).sort(), SERVER_KEYS_21);
      assert.deepEqual(s['flavor'], { id: '6', links: [{ rel: 'bookmark', href: 'http://compute.test:8774/flavors/6' }] });
      assert.deepEqual((s['image'] as { id: string }).id, c.image.id);
      assert.equal(s['tenant_id'], 'p1');
      assert.equal(s['OS-EXT-AZ:availability_zone'], 'nova');
      assert.match(String(s['hostId']), /^[0-9a-f]{56}$/);
      assert.match(String(s['OS-SRV-USG:launched_at']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
      assert.match(String(s['created']), /Z$/);
      assert.deepEqual(s['addresses'], {
        private: [{ version: 4, addr: '10.0.0.5', 'OS-EXT-IPS:type': 'fixed', 'OS-EXT-IPS-MAC:mac_addr': 'fa:16:3e:00:00:01' }],
      });
      const admin = (await c.t.call('GET', `/v2.1/servers/${id}`, { token: c.t.tokens.admin() })).body.server;
      assert.equal(admin['OS-EXT-SRV-ATTR:host'], 'host-a');
      assert.equal(admin['OS-EXT-SRV-ATTR:hypervisor_hostname'], 'host-a');
      assert.equal(admin['OS-EXT-SRV-ATTR:reservation_id'], undefined, '2.3 fields need 2.3');
    });

    test('fields appear at the microversion that introduced them', async () => {
      const id = (await boot(member, { name: 'versioned', description: 'd', tags: ['a', 'b'], networks: 'auto' }, '2.52')).body.server.id as string;
      await c.waitForStatus(member, id, 'ACTIVE');
      const at247 = (await c.t.call('GET', `/v2.1/servers/${id}`, { token: member, version: '2.47' })).body.server;
      assert.deepEqual(at247.flavor, { vcpus: 1, ram: 128, disk: 1, ephemeral: 0, swap: 0, original_name: 't1.nano', extra_specs: {} });
      assert.equal(at247.locked, false);
      assert.equal(at247.description, 'd');
      assert.deepEqual(at247.tags, ['a', 'b']);
      assert.equal(at247.locked_reason, undefined);
      const at279 = (await c.t.call('GET', `/v2.1/servers/${id}`, { token: member, version: '2.79' })).body.server;
      assert.equal(at279.locked_reason, null);
      assert.equal(at279.trusted_image_certificates, null);
      assert.deepEqual(at279.server_groups, []);
      assert.equal(at279.host_status, undefined, 'host_status is for admins');
      const admin = (await c.t.call('GET', `/v2.1/servers/${id}`, { token: c.t.tokens.admin(), version: '2.79' })).body.server;
      assert.equal(admin.host_status, 'UP');
      assert.equal(admin['OS-EXT-SRV-ATTR:hostname'], 'versioned');
      assert.equal(admin['OS-EXT-SRV-ATTR:launch_index'], 0);
      const listed = (await c.t.call('GET', '/v2.1/servers/detail', { token: member, version: '2.79' })).body.servers[0];
      assert.equal(listed.server_groups, undefined, 'server_groups only on show');
    });

    test('create is validated per microversion', async () => {
      assert.equal((await boot(member, { description: 'x' })).status, 400, 'description is 2.19');
      assert.equal((await boot(member, {}, '2.37')).status, 400, 'networks is required from 2.37');
      assert.equal((await boot(member, { networks: 'none' }, '2.37')).status, 202);
      assert.equal((await boot(member, { networks: 'bogus' }, '2.37')).status, 400);
      assert.equal((await boot(member, { personality: [] }, '2.57')).status, 400, 'personality is gone at 2.57');
      assert.equal((await boot(member, { color: 'red' })).status, 400);
      const noImage = await boot(member, { imageRef: '00000000-0000-0000-0000-000000000000' });
      assert.equal(noImage.status, 400);
      assert.match(noImage.body.badRequest.message, /could not be found/);
      const badFlavor = await boot(member, { flavorRef: 'nope' });
      assert.equal(badFlavor.body.badRequest.message, 'Invalid flavorRef provided.');
      assert.equal((await boot(member, { key_name: 'missing' })).body.badRequest.message, 'Invalid key_name provided.');
      assert.equal((await boot(member, { user_data: 'not base64!' })).status, 400);
      assert.equal((await boot(member, { min_count: 3, max_count: 2 })).status, 400);
      assert.equal((await boot(member, { host: 'host-a', networks: 'auto' }, '2.74')).status, 403, 'host is for admins');
      await c.idle();
    });

    test('a key pair is given to the guest', async () => {
      const kp = await c.t.call('POST', '/v2.1/os-keypairs', { token: member, body: { keypair: { name: 'k1' } } });
      const id = (await boot(member, { key_name: 'k1' })).body.server.id as string;
      const s = await c.waitForStatus(member, id, 'ACTIVE');
      assert.equal(s['key_name'], 'k1');
      assert.equal(agent.guests.get(id)?.request.publicKey, kp.body.keypair.public_key);
    });

    test('min_count / max_count create several servers named name-N with one reservation', async () => {
      const token = c.t.tokens.member('p-multi');
      const res = await c.t.call('POST', '/v2.1/servers', {
        token,
        body: { server: { name: 'many', imageRef: c.image.id, flavorRef: '6', min_count: 2, max_count: 3, return_reservation_id: true } },
      });
      assert.equal(res.status, 202);
      assert.match(res.body.reservation_id, /^r-[a-z0-9]{8}$/);
      const listed = await c.t.call('GET', `/v2.1/servers?reservation_id=${res.body.reservation_id}&sort_key=display_name&sort_dir=asc`, { token });
      assert.deepEqual(listed.body.servers.map((s: { name: string }) => s.name), ['many-1', 'many-2', 'many-3']);
      await c.idle();
    });

    test("another project's member cannot see or act on a server: 404 everywhere", async () => {
      const id = (await boot(member, { name: 'private' })).body.server.id as string;
      await c.waitForStatus(member, id, 'ACTIVE');
      const other = c.t.tokens.member('p2');
      assert.equal((await c.t.call('GET', `/v2.1/servers/${id}`, { token: other })).status, 404);
      assert.equal((await c.t.call('POST', `/v2.1/servers/${id}/action`, { token: other, body: { 'os-stop': null } })).status, 404);
      assert.equal((await c.t.call('DELETE', `/v2.1/servers/${id}`, { token: other })).status, 404);
      assert.equal((await c.t.call('PUT', `/v2.1/servers/${id}`, { token: other, body: { server: { name: 'x' } } })).status, 404);
      assert.equal((await c.t.call('GET', `/v2.1/servers/${id}/metadata`, { token: other })).status, 404);
      const list = await c.t.call('GET', '/v2.1/servers', { token: other });
      assert.ok(!list.body.servers.some((s: { id: string }) => s.id === id));
      assert.equal((await c.t.call('GET', '/v2.1/servers?all_tenants=1', { token: other })).status, 403);
      const all = await c.t.call('GET', '/v2.1/servers/detail?all_tenants=1', { token: c.t.tokens.admin() });
      assert.ok(all.body.servers.some((s: { id: string }) => s.id === id));
      const reader = c.t.tokens.reader('p1');
      assert.equal((await c.t.call('GET', `/v2.1/servers/${id}`, { token: reader })).status, 200);
      assert.equal((await c.t.call('POST', `/v2.1/servers/${id}/action`, { token: reader, body: { 'os-stop': null } })).status, 403);
    });

    test('rename and description (2.19) with PUT; the answer is compact before 2.75', async () => {
      const id = (await boot(member, { name: 'before' })).body.server.id as string;
      await c.waitForStatus(member, id, 'ACTIVE');
      const old = await c.t.call('PUT', `/v2.1/servers/${id}`, { token: member, body: { server: { name: 'after' } } });
      assert.equal(old.status, 200);
      assert.equal(old.body.server.name, 'after');
      assert.equal(old.body.server['OS-EXT-STS:vm_state'], undefined);
      const full = await c.t.call('PUT', `/v2.1/servers/${id}`, { token: member, version: '2.75', body: { server: { description: 'new' } } });
      assert.equal(full.body.server.description, 'new');
      assert.equal(full.body.server['OS-EXT-STS:vm_state'], 'active');
    });

    test('delete: 204, the guest and disk go, then 404; quota usage is freed', async () => {
      const token = c.t.tokens.member('p-del');
      const id = (await boot(token, { name: 'doomed' })).body.server.id as string;
      await c.waitForStatus(token, id, 'ACTIVE');
      const before = (await c.t.call('GET', '/v2.1/limits', { token })).body.limits.absolute.totalInstancesUsed;
      assert.equal(before, 1);
      assert.equal((await c.t.call('DELETE', `/v2.1/servers/${id}`, { token })).status, 204);
      await c.waitFor(token, id, (_s, status) => status === 404);
      assert.ok(!agent.guests.has(id));
      assert.ok(agent.calls.includes(`destroy ${id}`));
      assert.equal((await c.t.call('GET', '/v2.1/limits', { token })).body.limits.absolute.totalInstancesUsed, 0);
      const gone = await c.t.call('GET', `/v2.1/servers/${id}`, { token });
      assert.equal(gone.body.itemNotFound.message, `Instance ${id} could not be found.`);
    });

    test('list and detail: filters, sorting, paging with a next link', async () => {
      const token = c.t.tokens.member('p-list');
      const ids: string[] = [];
      for (const name of ['alpha', 'beta', 'gamma']) {
        ids.push((await boot(token, { name })).body.server.id as string);
      }
      await c.idle();
      const names = async (q: string) =>
        (await c.t.call('GET', `/v2.1/servers/detail${q}`, { token })).body.servers.map((s: { name: string }) => s.name);
      assert.deepEqual(await names(''), ['gamma', 'beta', 'alpha'], 'newest first');
      assert.deepEqual(await names('?name=^b'), ['beta'], 'name is a regular expression');
      assert.deepEqual(await names('?status=ACTIVE&sort_key=display_name&sort_dir=asc'), ['alpha', 'beta', 'gamma']);
      assert.deepEqual(await names('?status=SHUTOFF'), []);
      assert.deepEqual(await names('?flavor=6&image=' + c.image.id), ['gamma', 'beta', 'alpha']);
      const page = await c.t.call('GET', '/v2.1/servers?limit=2', { token });
      assert.equal(page.body.servers.length, 2);
      const next = new URL(page.body.servers_links[0].href);
      const rest = await c.t.call('GET', `/v2.1/servers?${next.searchParams.toString()}`, { token });
      assert.deepEqual(rest.body.servers.map((s: { name: string }) => s.name), ['alpha']);
      assert.equal((await c.t.call('GET', '/v2.1/servers?status=bogus', { token, version: '2.38' })).status, 400);
      assert.deepEqual((await c.t.call('GET', '/v2.1/servers?status=bogus', { token })).body.servers, []);
      assert.equal((await c.t.call('GET', '/v2.1/servers?bogus=1', { token, version: '2.75' })).status, 400);
      assert.equal((await c.t.call('GET', '/v2.1/servers?bogus=1', { token, version: '2.74' })).status, 200);
      assert.equal((await c.t.call('GET', '/v2.1/servers?marker=nope', { token })).status, 400);
      assert.deepEqual(Object.keys((await c.t.call('GET', '/v2.1/servers', { token })).body.servers[0]).sort(), ['id', 'links', 'name']);
    });
  });
}
