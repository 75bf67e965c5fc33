// Medium test: servers with the network service — what compute asks of it and shows from it.
// The network service is an in-process stand-in (testing/network-stand-in.ts: an app cannot
// start another app); agents and images are the usual stand-ins served over gRPC. The
// network service's side is tested in apps/network, the two together in e2e/src/network.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DomainError } from '@tinystack/errors';
import type { AgentStandIn } from '../testing/agent-stand-in.js';
import { NetworkStandIn } from '../testing/network-stand-in.js';
import { startTestCloud, type TestCloud } from '../testing/test-cloud.js';

let c: TestCloud;
let agent: AgentStandIn;
let network: NetworkStandIn;
let member: string;
const NET = '3f6b2a1e-0000-4000-8000-000000000001';
const PORT = '3f6b2a1e-0000-4000-8000-0000000000aa';

const boot = (server: Record<string, unknown>, version = '2.37') =>
  c.t.call('POST', '/v2.1/servers', { token: member, version, body: { server: { name: 'vm', imageRef: c.image.id, flavorRef: '6', ...server } } });

before(async () => {
  network = new NetworkStandIn();
  c = await startTestCloud('sqlite', { network });
  agent = await c.addAgent('host-n');
  member = c.t.tokens.member('p-net');
});
after(() => c.close());

test('networks "auto": ports allocated at create, bound to the building host, handed to the agent, shown as addresses', async () => {
  const res = await boot({ networks: 'auto' });
  assert.equal(res.status, 202);
  const id = res.body.server.id as string;
  const server = await c.waitForStatus(member, id, 'ACTIVE');
  assert.equal(network.bound.get(id), 'host-n');
  const ports = agent.guests.get(id)?.request.ports ?? [];
  assert.equal(ports.length, 1);
  assert.equal(ports[0]?.networkId, 'auto-net');
  const addresses = server['addresses'] as Record<string, Array<Record<string, unknown>>>;
  const fixed = addresses['auto_allocated_network']?.[0];
  assert.equal(fixed?.['OS-EXT-IPS:type'], 'fixed');
  assert.equal(fixed?.['addr'], ports[0]?.addresses[0]?.ipAddress);
  assert.equal(fixed?.['OS-EXT-IPS-MAC:mac_addr'], ports[0]?.macAddress);

  network.floating.set(String(fixed?.['addr']), '127.42.0.9');
  const later = (await c.t.call('GET', `/v2.1/servers/${id}`, { token: member })).body.server;
  assert.deepEqual(
    later.addresses.auto_allocated_network.map((a: Record<string, unknown>) => [a['addr'], a['OS-EXT-IPS:type']]),
    [
      [fixed?.['addr'], 'fixed'],
      ['127.42.0.9', 'floating'],
    ],
    'a floating IP associated after boot shows without compute being told',
  );
  const listed = (await c.t.call('GET', '/v2.1/servers/detail', { token: member })).body.servers.find((s: { id: string }) => s.id === id);
  assert.equal(listed.addresses.auto_allocated_network.length, 2);

  assert.equal((await c.t.call('DELETE', `/v2.1/servers/${id}`, { token: member })).status, 204);
  await c.waitFor(member, id, (_s, status) => status === 404);
  assert.ok(network.released.includes(id), 'the delete released the ports');
});

test('a network with a fixed IP, and a port by id; "none" asks for nothing', async () => {
  const res = await boot({ networks: [{ uuid: NET, fixed_ip: '10.0.0.77' }, { port: PORT }] });
  assert.equal(res.status, 202);
  const id = res.body.server.id as string;
  await c.waitForStatus(member, id, 'ACTIVE');
  const ports = agent.guests.get(id)?.request.ports ?? [];
  assert.deepEqual(ports.map((p) => [p.networkId, p.addresses[0]?.ipAddress]), [
    [NET, '10.0.0.77'],
    ['given-port-net', ports[1]?.addresses[0]?.ipAddress],
  ]);
  assert.equal(ports[1]?.portId, PORT);
  const none = await boot({ networks: 'none' });
  const noneId = none.body.server.id as string;
  await c.waitForStatus(member, noneId, 'ACTIVE');
  assert.equal(network.ports.has(noneId), false);
  assert.deepEqual(agent.guests.get(noneId)?.request.ports, []);
});

test("the network service's refusals become Nova's errors and leave no server behind", async () => {
  const before = (await c.t.call('GET', '/v2.1/servers', { token: member })).body.servers.length;
  network.failNext = new DomainError('not_found', `Network ${NET} could not be found.`);
  const missing = await boot({ networks: [{ uuid: NET }] });
  assert.equal(missing.status, 400);
  assert.equal(missing.body.badRequest.message, `Network ${NET} could not be found.`);
  network.failNext = new DomainError('conflict', `Port ${PORT} is still in use.`);
  assert.equal((await boot({ networks: [{ port: PORT }] })).status, 409);
  network.failNext = new DomainError('conflict', "Quota exceeded for resources: ['port'].");
  assert.equal((await boot({ networks: 'auto' })).status, 403);
  assert.equal((await c.t.call('GET', '/v2.1/servers', { token: member })).body.servers.length, before);
  const twoOnOnePort = await boot({ networks: [{ port: PORT }], max_count: 2 });
  assert.equal(twoOnOnePort.status, 400);
});

test('os-interface: list, attach a network or a port (bound to the host, plugged by the agent), show, detach', async () => {
  const res = await boot({ networks: 'auto' });
  const id = res.body.server.id as string;
  await c.waitForStatus(member, id, 'ACTIVE');
  const listed = await c.t.call('GET', `/v2.1/servers/${id}/os-interface`, { token: member });
  assert.equal(listed.status, 200);
  assert.equal(listed.body.interfaceAttachments.length, 1);
  assert.deepEqual(Object.keys(listed.body.interfaceAttachments[0]).sort(), ['fixed_ips', 'mac_addr', 'net_id', 'port_id', 'port_state']);

  const added = await c.t.call('POST', `/v2.1/servers/${id}/os-interface`, { token: member, body: { interfaceAttachment: { net_id: NET, fixed_ips: [{ ip_address: '10.0.0.200' }] } } });
  assert.equal(added.status, 200);
  const att = added.body.interfaceAttachment;
  assert.equal(att.net_id, NET);
  assert.equal(att.fixed_ips[0].ip_address, '10.0.0.200');
  assert.deepEqual(agent.guests.get(id)?.attached, [att.mac_addr], 'the agent plugged it');
  assert.equal((await c.t.call('GET', `/v2.1/servers/${id}/os-interface/${att.port_id}`, { token: member })).body.interfaceAttachment.mac_addr, att.mac_addr);
  const show = (await c.t.call('GET', `/v2.1/servers/${id}`, { token: member })).body.server;
  assert.ok(Object.values(show.addresses as Record<string, Array<{ addr: string }>>).flat().some((a) => a.addr === '10.0.0.200'));

  const both = await c.t.call('POST', `/v2.1/servers/${id}/os-interface`, { token: member, body: { interfaceAttachment: { net_id: NET, port_id: PORT } } });
  assert.equal(both.status, 400);
  const other = c.t.tokens.member('p-other');
  assert.equal((await c.t.call('POST', `/v2.1/servers/${id}/os-interface`, { token: other, body: { interfaceAttachment: { net_id: NET } } })).status, 404);

  assert.equal((await c.t.call('DELETE', `/v2.1/servers/${id}/os-interface/${att.port_id}`, { token: member })).status, 202);
  assert.deepEqual(agent.guests.get(id)?.attached, [], 'the agent unplugged it');
  assert.ok(network.released.includes(`${id}/${att.port_id}`), 'that port alone was released');
  assert.equal((await c.t.call('GET', `/v2.1/servers/${id}/os-interface`, { token: member })).body.interfaceAttachments.length, 1);
  assert.equal((await c.t.call('DELETE', `/v2.1/servers/${id}/os-interface/${att.port_id}`, { token: member })).status, 404);
  const actions = (await c.t.call('GET', `/v2.1/servers/${id}/os-instance-actions`, { token: member })).body.instanceActions.map((a: { action: string }) => a.action);
  assert.ok(actions.includes('attach_interface') && actions.includes('detach_interface'));
});
