import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addressesText,
  AllocateFloatingIpSchema,
  AssociateFloatingIpSchema,
  instancePortOptions,
  launchNetworkOptions,
  NetworkChoiceSchema,
  networkTone,
} from './network.schemas.ts';

const NET = '0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a';
const PORT = '4f0b5d4c-4d1e-4b7e-9f3a-0c1d2e3f4a5b';

test('the launch network choice is automatic by default, none, or a network id', () => {
  assert.equal(NetworkChoiceSchema.parse(undefined), 'auto');
  assert.equal(NetworkChoiceSchema.parse(''), 'auto');
  assert.equal(NetworkChoiceSchema.parse('none'), 'none');
  assert.equal(NetworkChoiceSchema.parse(NET), NET);
  const bad = NetworkChoiceSchema.safeParse('private');
  assert.equal(bad.success, false);
  assert.match(bad.error?.issues[0]?.message ?? '', /automatic, none or one of the networks/);
});

test('the launch dialog offers automatic first, then none, then the networks a port can be on', () => {
  const options = launchNetworkOptions(
    [
      { id: 'ext', name: 'public', projectId: 'svc', external: true, shared: false },
      { id: NET, name: 'private', projectId: 'p1', external: false, shared: false },
      { id: 'theirs', name: 'theirs', projectId: 'p2', external: false, shared: false },
      { id: 's', name: 'common', projectId: 'p2', external: false, shared: true },
    ],
    'p1',
  );
  assert.deepEqual(
    options.map((o) => o.value),
    ['auto', 'none', NET, 's'],
  );
  assert.match(options[0]?.label ?? '', /get-me-a-network/);
  assert.equal(options[3]?.label, 'common (shared)');
});

test("association targets are the instances' ports, named by instance and address", () => {
  const options = instancePortOptions(
    [
      {
        id: PORT,
        networkName: 'private',
        deviceId: 'srv-1',
        deviceOwner: 'compute:nova',
        fixedIps: ['10.0.0.3'],
      },
      {
        id: 'r',
        networkName: 'private',
        deviceId: 'router',
        deviceOwner: 'network:router_interface',
        fixedIps: ['10.0.0.1'],
      },
      { id: 'u', networkName: 'private', deviceId: '', deviceOwner: '', fixedIps: ['10.0.0.9'] },
    ],
    new Map([['srv-1', 'web']]),
  );
  assert.deepEqual(options, [{ value: PORT, label: 'web — 10.0.0.3 on private' }]);
});

test('floating IP forms: a network id or the default; both a floating IP and a port to associate', () => {
  assert.equal(AllocateFloatingIpSchema.parse({}).networkId, '');
  assert.equal(AllocateFloatingIpSchema.safeParse({ networkId: 'public' }).success, false);
  const bad = AssociateFloatingIpSchema.safeParse({ id: '', portId: '' });
  assert.deepEqual(bad.error?.issues.map((i) => i.path[0]).sort(), ['id', 'portId']);
  assert.ok(AssociateFloatingIpSchema.safeParse({ id: NET, portId: PORT }).success);
  assert.equal(networkTone('ACTIVE'), 'ok');
  assert.equal(networkTone('DOWN'), 'off');
});

test("a server's addresses read by network, floating ones marked", () => {
  const addrs = [
    { network: 'private', addr: '10.0.0.3' },
    { network: 'private', addr: '127.42.0.7' },
    { network: 'other', addr: '10.9.0.2' },
  ];
  assert.equal(
    addressesText(addrs, new Set(['127.42.0.7'])),
    'private: 10.0.0.3, 127.42.0.7 (floating); other: 10.9.0.2',
  );
  assert.equal(addressesText([]), '');
});
