import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { networkV1 } from '@tinystack/contracts';
import { createServiceClient } from '@tinystack/grpc';
import { startTestNetwork, type TestNetwork } from '../testing/test-network.js';

/** Compute's side of the contract over real gRPC: allocate, bind, addresses (with a floating IP), release. */
let t: TestNetwork;
let client: ReturnType<typeof createServiceClient<typeof networkV1.NetworkServiceDefinition>>['client'];
let close: () => void;

before(async () => {
  t = await startTestNetwork('sqlite');
  const c = createServiceClient(networkV1.NetworkServiceDefinition, t.grpcUrl);
  client = c.client;
  close = () => c.channel.close();
});
after(async () => {
  close();
  await t.close();
});

const service = () => t.tokens.admin('service');

test('auto: the project gets its auto-allocated network; ports are made, bound, addressed and released', async () => {
  const user = t.tokens.member('p-srv');
  const serverId = randomUUID();
  const { ports } = await client.allocateServerPorts({ serverId, availabilityZone: 'nova', auto: true, requests: [] }, { token: user });
  assert.equal(ports.length, 1);
  const port = ports[0] ?? assert.fail();
  assert.equal(port.networkName, 'auto_allocated_network');
  assert.equal(port.fixedIps[0]?.ipAddress, '10.0.0.2');
  assert.equal(port.fixedIps[0]?.subnet?.gatewayIp, '10.0.0.1');
  assert.equal(port.fixedIps[0]?.subnet?.cidr, '10.0.0.0/24');
  assert.equal(port.preserveOnDelete, false);
  const rest = await t.call('GET', `/v2.0/ports/${port.portId}`, user);
  assert.equal(rest.body.port.device_id, serverId);
  assert.equal(rest.body.port.device_owner, 'compute:nova');
  assert.equal(rest.body.port.status, 'DOWN');

  await assert.rejects(client.bindServerPorts({ serverId, host: 'h1' }, { token: user }), /disallowed by policy/);
  await client.bindServerPorts({ serverId, host: 'h1' }, { token: service() });
  const bound = (await t.call('GET', `/v2.0/ports/${port.portId}`, user)).body.port;
  assert.equal(bound['binding:host_id'], 'h1');
  assert.equal(bound.status, 'ACTIVE');

  const pub = (await t.call('GET', '/v2.0/networks?name=public', user)).body.networks[0];
  const fip = (await t.call('POST', '/v2.0/floatingips', user, { floatingip: { floating_network_id: pub.id, port_id: port.portId } })).body.floatingip;
  const { servers } = await client.getServerAddresses({ serverIds: [serverId, randomUUID()] }, { token: service() });
  assert.deepEqual(Object.keys(servers), [serverId]);
  assert.deepEqual(
    servers[serverId]?.addresses.map((a) => [a.networkName, a.addr, a.type, a.macAddr]),
    [
      ['auto_allocated_network', '10.0.0.2', 'fixed', port.macAddress],
      ['auto_allocated_network', fip.floating_ip_address, 'floating', port.macAddress],
    ],
  );

  await client.releaseServerPorts({ serverId }, { token: service() });
  assert.equal((await t.call('GET', `/v2.0/ports/${port.portId}`, user)).status, 404);
  assert.equal((await t.call('GET', `/v2.0/floatingips/${fip.id}`, user)).body.floatingip.port_id, null);
  await client.releaseServerPorts({ serverId }, { token: service() });
});

test('a network with a fixed IP and a port of the user: all or nothing, and a given port survives the server', async () => {
  const user = t.tokens.member('p-req');
  const net = (await t.call('POST', '/v2.0/networks', user, { network: { name: 'n' } })).body.network;
  await t.call('POST', '/v2.0/subnets', user, { subnet: { network_id: net.id, cidr: '10.3.0.0/24', ip_version: 4 } });
  const mine = (await t.call('POST', '/v2.0/ports', user, { port: { network_id: net.id, name: 'keep' } })).body.port;
  const serverId = randomUUID();
  const bad = client.allocateServerPorts(
    { serverId, availabilityZone: 'nova', auto: false, requests: [{ networkId: net.id, portId: '', fixedIp: '10.3.0.50' }, { networkId: randomUUID(), portId: '', fixedIp: '' }] },
    { token: user },
  );
  await assert.rejects(bad, /could not be found/);
  const left = (await t.call('GET', `/v2.0/ports?network_id=${net.id}`, user)).body.ports;
  assert.deepEqual(left.map((p: { id: string }) => p.id), [mine.id], 'the first request left no port behind');

  const { ports } = await client.allocateServerPorts(
    { serverId, availabilityZone: 'nova', auto: false, requests: [{ networkId: net.id, portId: '', fixedIp: '10.3.0.50' }, { networkId: '', portId: mine.id, fixedIp: '' }] },
    { token: user },
  );
  assert.deepEqual(ports.map((p) => [p.fixedIps[0]?.ipAddress, p.preserveOnDelete]), [['10.3.0.50', false], [mine.fixed_ips[0].ip_address, true]]);
  const other = t.tokens.member('p-someone');
  await assert.rejects(
    client.allocateServerPorts({ serverId: randomUUID(), availabilityZone: 'nova', auto: false, requests: [{ networkId: net.id, portId: '', fixedIp: '' }] }, { token: other }),
    /could not be found/,
  );
  await assert.rejects(
    client.allocateServerPorts({ serverId: randomUUID(), availabilityZone: 'nova', auto: false, requests: [{ networkId: '', portId: mine.id, fixedIp: '' }] }, { token: user }),
    /still in use/,
  );
  await client.releaseServerPorts({ serverId }, { token: service() });
  const after = (await t.call('GET', `/v2.0/ports?network_id=${net.id}`, user)).body.ports;
  assert.deepEqual(after.map((p: { id: string; device_id: string }) => [p.id, p.device_id]), [[mine.id, '']]);
});

test('a host watching its network hears its ports, their rules, routers and floating IPs as they change', async () => {
  const user = t.tokens.member('p-watch');
  const host = `h-${randomUUID().slice(0, 6)}`;
  const abort = new AbortController();
  const stream = client.watchHostNetwork({ host }, { token: service(), signal: abort.signal })[Symbol.asyncIterator]();
  const next = async () => (await stream.next()).value as networkV1.WatchHostNetworkResponse;
  try {
    assert.deepEqual(await next(), { ports: [], routers: [] });
    const serverId = randomUUID();
    const [port] = (await client.allocateServerPorts({ serverId, availabilityZone: 'nova', auto: true, requests: [] }, { token: user })).ports;
    await client.bindServerPorts({ serverId, host }, { token: service() });
    let seen = await next();
    while (seen.ports.length === 0 || seen.routers.length === 0) {
      seen = await next();
    }
    const hp = seen.ports[0] ?? assert.fail();
    assert.equal(hp.portId, port?.portId);
    assert.deepEqual(hp.ipAddresses, [port?.fixedIps[0]?.ipAddress]);
    assert.equal(hp.portSecurity, true);
    const ingress = hp.rules.filter((r) => r.direction === 'ingress');
    assert.deepEqual(ingress, [{ direction: 'ingress', protocol: '', portRangeMin: 0, portRangeMax: 0, remoteCidrs: [`${port?.fixedIps[0]?.ipAddress}/32`], remoteGroup: true }]);
    assert.equal(seen.routers[0]?.interfaces[0]?.ipCidr, '10.0.0.1/24', "the auto-allocated router's interface");
    assert.deepEqual(seen.routers[0]?.floatingIps, []);

    const pub = (await t.call('GET', '/v2.0/networks?name=public', user)).body.networks[0];
    const fip = (await t.call('POST', '/v2.0/floatingips', user, { floatingip: { floating_network_id: pub.id, port_id: port?.portId } })).body.floatingip;
    seen = await next();
    assert.deepEqual(seen.routers[0]?.floatingIps, [{ floatingIp: fip.floating_ip_address, fixedIp: port?.fixedIps[0]?.ipAddress, portId: port?.portId }]);

    const groups = (await t.call('GET', '/v2.0/security-groups', user)).body.security_groups;
    await t.call('POST', '/v2.0/security-group-rules', user, {
      security_group_rule: { security_group_id: groups[0].id, direction: 'ingress', protocol: 'tcp', port_range_min: 22, port_range_max: 22, remote_ip_prefix: '0.0.0.0/0' },
    });
    seen = await next();
    assert.ok(seen.ports[0]?.rules.some((r) => r.protocol === 'tcp' && r.portRangeMin === 22 && r.remoteCidrs[0] === '0.0.0.0/0'));

    await client.releaseServerPorts({ serverId }, { token: service() });
    assert.deepEqual(await next(), { ports: [], routers: [] });
  } finally {
    abort.abort();
  }
});

test("the dashboard's calls: networks with subnets as the caller sees them; floating IPs allocated, associated, released", async () => {
  const user = t.tokens.member('p-dash');
  const serverId = randomUUID();
  const [port] = (await client.allocateServerPorts({ serverId, availabilityZone: 'nova', auto: true, requests: [] }, { token: user })).ports;
  const { networks } = await client.listNetworks({}, { token: user });
  const names = networks.map((n) => n.name).sort();
  assert.deepEqual(names, ['auto_allocated_network', 'public']);
  const auto = networks.find((n) => n.name === 'auto_allocated_network');
  assert.equal(auto?.subnets[0]?.cidr, '10.0.0.0/24');
  assert.equal(networks.find((n) => n.name === 'public')?.external, true);

  const mine = (await client.listPorts({ deviceId: serverId }, { token: user })).ports;
  assert.deepEqual(
    mine.map((p) => [p.id, p.networkName, p.deviceOwner, p.fixedIps]),
    [[port?.portId, 'auto_allocated_network', 'compute:nova', port?.fixedIps.map((f) => f.ipAddress)]],
  );
  const all = (await client.listPorts({ deviceId: '' }, { token: user })).ports;
  assert.ok(all.some((p) => p.id === port?.portId) && all.some((p) => p.deviceOwner === 'network:router_interface'), "every port of the caller, the router's too");
  assert.deepEqual((await client.listPorts({ deviceId: serverId }, { token: t.tokens.member('p-dash-other') })).ports, [], "another project's ports are not listed");
  assert.deepEqual((await client.listPorts({ deviceId: serverId }, { token: t.tokens.admin('p-admin') })).ports, [], "an admin sees their own project's, not everyone's");

  const { floatingIp } = await client.createFloatingIp({ floatingNetworkId: '' }, { token: user });
  assert.match(floatingIp?.floatingIpAddress ?? '', /^127\.42\.0\.\d+$/);
  assert.equal(floatingIp?.portId, '');
  const assoc = (await client.updateFloatingIp({ id: floatingIp?.id ?? '', portId: port?.portId ?? '' }, { token: user })).floatingIp;
  assert.equal(assoc?.serverId, serverId);
  assert.equal(assoc?.fixedIpAddress, port?.fixedIps[0]?.ipAddress);
  assert.equal(assoc?.status, 'ACTIVE');
  const other = t.tokens.member('p-dash-other');
  assert.deepEqual((await client.listFloatingIps({}, { token: other })).floatingIps, []);
  await assert.rejects(client.updateFloatingIp({ id: floatingIp?.id ?? '', portId: '' }, { token: other }), /could not be found/);
  const freed = (await client.updateFloatingIp({ id: floatingIp?.id ?? '', portId: '' }, { token: user })).floatingIp;
  assert.equal(freed?.portId, '');
  await client.deleteFloatingIp({ id: floatingIp?.id ?? '' }, { token: user });
  assert.deepEqual((await client.listFloatingIps({}, { token: user })).floatingIps, []);
  await client.releaseServerPorts({ serverId }, { token: service() });
});
