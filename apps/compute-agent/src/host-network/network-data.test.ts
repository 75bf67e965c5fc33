import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agentV1 } from '@tinystack/contracts';
import { guestSpecOf } from '../guests/guest.mapper.js';
import { bridgeOf, tapOf } from './names.js';
import { netmaskOfCidr, networkDataOf } from './network-data.js';

const PORT_A = '0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d';
const NET_A = '11111111-2222-3333-4444-555555555555';
const ports: agentV1.NetworkPort[] = [
  {
    portId: PORT_A,
    networkId: NET_A,
    macAddress: 'fa:16:3e:00:00:01',
    mtu: 1450,
    addresses: [{ ipAddress: '10.0.0.5', cidr: '10.0.0.0/24', gatewayIp: '10.0.0.1', dnsNameservers: ['10.0.0.53'] }],
  },
  {
    portId: '99999999-8888-7777-6666-555555555555',
    networkId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
    macAddress: 'fa:16:3e:00:00:02',
    mtu: 0,
    addresses: [{ ipAddress: '192.168.7.9', cidr: '192.168.4.0/22', gatewayIp: '192.168.4.1', dnsNameservers: [] }],
  },
];

test('device names fit Linux limits and come from the ids', () => {
  assert.equal(bridgeOf(NET_A), 'tsn-11111111222');
  assert.equal(tapOf(PORT_A), 'tap0a1b2c3d4e5');
  assert.ok(bridgeOf(NET_A).length <= 15 && tapOf(PORT_A).length <= 15);
  assert.equal(netmaskOfCidr('192.168.4.0/22'), '255.255.252.0');
});

test('network_data.json: a link per port by MAC, static IPv4, one default route, DNS', () => {
  const nd = networkDataOf(ports) as {
    links: Array<{ id: string; ethernet_mac_address: string; mtu: number }>;
    networks: Array<{ link: string; ip_address: string; netmask: string; routes: unknown[] }>;
    services: unknown[];
  };
  assert.deepEqual(nd.links.map((l) => [l.id, l.ethernet_mac_address, l.mtu]), [
    ['tap0a1b2c3d4e5', 'fa:16:3e:00:00:01', 1450],
    ['tap99999999888', 'fa:16:3e:00:00:02', 1500],
  ]);
  assert.deepEqual(nd.networks.map((n) => [n.link, n.ip_address, n.netmask]), [
    ['tap0a1b2c3d4e5', '10.0.0.5', '255.255.255.0'],
    ['tap99999999888', '192.168.7.9', '255.255.252.0'],
  ]);
  assert.deepEqual(nd.networks[0]?.routes, [{ network: '0.0.0.0', netmask: '0.0.0.0', gateway: '10.0.0.1' }]);
  assert.deepEqual(nd.networks[1]?.routes, [], 'only the first port carries the default route');
  assert.deepEqual(nd.services, [{ type: 'dns', address: '10.0.0.53' }]);
});

test('a spawn with ports plugs each into its network bridge by tap name and writes network_data.json', () => {
  const spec = guestSpecOf(
    {
      ...agentV1.SpawnServerRequest.fromPartial({ serverId: '12345678-1234-1234-1234-123456789012', name: 'vm', networkMode: agentV1.NetworkMode.NETWORK_MODE_AUTO }),
      ports,
    },
    'default',
  );
  assert.deepEqual(spec.vifs, [
    { type: 'bridge', bridge: 'tsn-11111111222', mac: 'fa:16:3e:00:00:01', dev: 'tap0a1b2c3d4e5' },
    { type: 'bridge', bridge: 'tsn-aaaaaaaabbb', mac: 'fa:16:3e:00:00:02', dev: 'tap99999999888' },
  ]);
  assert.ok(spec.configDrive?.extraJson?.network_data, 'network_data.json is on the config drive');
  const legacy = guestSpecOf(agentV1.SpawnServerRequest.fromPartial({ serverId: '12345678-1234-1234-1234-123456789012', name: 'vm', networkMode: agentV1.NetworkMode.NETWORK_MODE_AUTO }), 'default');
  assert.equal(legacy.vifs?.[0]?.type, 'network', "without ports the host's default network stands");
});
