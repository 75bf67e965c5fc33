// The network service through the real openstack CLI against a cloud from `tinystack up`
// (identity and network only: nothing here needs a guest). Networks, subnets, ports,
// security groups and rules, routers, floating IPs from the default external network,
// quotas, and isolation from another project's member.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openstack, openstackFails, startCloud, type Cloud } from '../harness/index.js';
import {
  createProject,
  createUser,
  grant,
  passwordEnv,
  type OsEnv,
} from '../identity/identity.fixtures.js';

interface Row {
  readonly ID: string;
  readonly Name: string;
}

let cloud: Cloud;
let env: OsEnv;

before(async () => {
  cloud = await startCloud({ env: { TINYSTACK_SERVICES: 'identity,network' } });
  env = cloud.env;
});
after(async () => {
  await cloud?.stop();
});

test('the catalog lists the network service and the CLI finds the default external network', async () => {
  const catalog = await openstack<Array<{ Type: string }>>(['catalog', 'list'], env);
  assert.ok(catalog.some((s) => s.Type === 'network'));
  const external = await openstack<Row[]>(['network', 'list', '--external'], env);
  assert.deepEqual(
    external.map((n) => n.Name),
    ['public'],
  );
  const ext = await openstack<Array<{ Alias: string }>>(['extension', 'list', '--network'], env);
  assert.ok(ext.some((e) => e.Alias === 'auto-allocated-topology'));
});

test('network, subnet and port: create, list, show, set, delete', async () => {
  const net = await openstack<{ id: string; status: string; mtu: number }>(
    ['network', 'create', 'e2e-net'],
    env,
  );
  assert.equal(net.status, 'ACTIVE');
  const sub = await openstack<{
    id: string;
    gateway_ip: string;
    allocation_pools: Array<{ start: string; end: string }>;
  }>(
    [
      'subnet',
      'create',
      '--network',
      'e2e-net',
      '--subnet-range',
      '10.20.0.0/24',
      '--dns-nameserver',
      '10.20.0.53',
      'e2e-sub',
    ],
    env,
  );
  assert.equal(sub.gateway_ip, '10.20.0.1');
  assert.deepEqual(sub.allocation_pools, [{ start: '10.20.0.2', end: '10.20.0.254' }]);
  const port = await openstack<{
    id: string;
    fixed_ips: Array<{ ip_address: string }>;
    mac_address: string;
  }>(
    [
      'port',
      'create',
      '--network',
      'e2e-net',
      '--fixed-ip',
      'subnet=e2e-sub,ip-address=10.20.0.10',
      'e2e-port',
    ],
    env,
  );
  assert.equal(port.fixed_ips[0]?.ip_address, '10.20.0.10');
  const ports = await openstack<Array<{ ID: string; 'Fixed IP Addresses': unknown }>>(
    ['port', 'list', '--network', 'e2e-net'],
    env,
  );
  assert.deepEqual(
    ports.map((p) => p.ID),
    [port.id],
  );
  await openstack(['port', 'set', '--name', 'renamed-port', port.id], env);
  assert.equal(
    (await openstack<{ name: string }>(['port', 'show', port.id], env)).name,
    'renamed-port',
  );
  const taken = await openstackFails(
    ['port', 'create', '--network', 'e2e-net', '--fixed-ip', 'ip-address=10.20.0.10', 'dup'],
    env,
  );
  assert.match(taken, /already allocated/);
  const inUse = await openstackFails(['network', 'delete', 'e2e-net'], env);
  assert.match(inUse, /ports still in use/);
  await openstack(['port', 'delete', port.id], env);
  await openstack(['subnet', 'delete', 'e2e-sub'], env);
  await openstack(['network', 'delete', 'e2e-net'], env);
  assert.ok(!(await openstack<Row[]>(['network', 'list'], env)).some((n) => n.Name === 'e2e-net'));
});

test('security groups and rules: the default group, a rule, a duplicate refused, delete', async () => {
  const groups = await openstack<Row[]>(['security', 'group', 'list', '--project', 'admin'], env);
  assert.ok(groups.some((g) => g.Name === 'default'));
  await openstack(['security', 'group', 'create', '--description', 'ssh in', 'e2e-ssh'], env);
  const rule = await openstack<{ id: string; port_range_min: number; protocol: string }>(
    [
      'security',
      'group',
      'rule',
      'create',
      '--protocol',
      'tcp',
      '--dst-port',
      '22',
      '--remote-ip',
      '0.0.0.0/0',
      'e2e-ssh',
    ],
    env,
  );
  assert.equal(rule.port_range_min, 22);
  assert.equal(rule.protocol, 'tcp');
  const dup = await openstackFails(
    [
      'security',
      'group',
      'rule',
      'create',
      '--protocol',
      'tcp',
      '--dst-port',
      '22',
      '--remote-ip',
      '0.0.0.0/0',
      'e2e-ssh',
    ],
    env,
  );
  assert.match(dup, /already exists/);
  const rules = await openstack<Array<{ ID: string }>>(
    ['security', 'group', 'rule', 'list', 'e2e-ssh'],
    env,
  );
  assert.ok(rules.some((r) => r.ID === rule.id));
  await openstack(['security', 'group', 'rule', 'delete', rule.id], env);
  await openstack(['security', 'group', 'delete', 'e2e-ssh'], env);
});

test('router and floating IP: gateway on public, interface on a subnet, associate, unset, release', async () => {
  await openstack(['network', 'create', 'fip-net'], env);
  await openstack(
    ['subnet', 'create', '--network', 'fip-net', '--subnet-range', '10.21.0.0/24', 'fip-sub'],
    env,
  );
  const port = await openstack<{ id: string; fixed_ips: Array<{ ip_address: string }> }>(
    ['port', 'create', '--network', 'fip-net', 'fip-port'],
    env,
  );
  const fip = await openstack<{ id: string; floating_ip_address: string }>(
    ['floating', 'ip', 'create', 'public'],
    env,
  );
  assert.match(fip.floating_ip_address, /^127\.42\.\d+\.\d+$/, "from the cloud's loopback pool");
  const unreachable = await openstackFails(
    ['floating', 'ip', 'set', '--port', port.id, fip.id],
    env,
  );
  assert.match(unreachable, /not reachable/);
  await openstack(['router', 'create', 'e2e-router'], env);
  await openstack(['router', 'set', '--external-gateway', 'public', 'e2e-router'], env);
  await openstack(['router', 'add', 'subnet', 'e2e-router', 'fip-sub'], env);
  await openstack(['floating', 'ip', 'set', '--port', port.id, fip.id], env);
  const shown = await openstack<{ fixed_ip_address: string; status: string; port_id: string }>(
    ['floating', 'ip', 'show', fip.id],
    env,
  );
  assert.equal(shown.fixed_ip_address, port.fixed_ips[0]?.ip_address);
  assert.equal(shown.port_id, port.id);
  assert.equal(shown.status, 'ACTIVE');
  await openstack(['floating', 'ip', 'unset', '--port', fip.id], env);
  assert.equal(
    (await openstack<{ port_id: string | null }>(['floating', 'ip', 'show', fip.id], env)).port_id,
    null,
  );
  await openstack(['floating', 'ip', 'delete', fip.id], env);
  await openstack(['port', 'delete', 'fip-port'], env);
  await openstack(['router', 'remove', 'subnet', 'e2e-router', 'fip-sub'], env);
  await openstack(['router', 'delete', 'e2e-router'], env);
  await openstack(['network', 'delete', 'fip-net'], env);
});

test("another project's member sees neither the admin's networks nor their ports, and quotas bound it", async () => {
  await openstack(['network', 'create', 'admin-private'], env);
  await createProject(env, 'net-other');
  await createUser(env, 'net-member', 'Member-Passw0rd', 'net-other');
  await grant(env, 'member', 'net-member', 'net-other');
  const member = passwordEnv(cloud, 'net-member', 'Member-Passw0rd', 'net-other');
  const seen = (await openstack<Row[]>(['network', 'list'], member)).map((n) => n.Name);
  assert.ok(seen.includes('public'), 'the external network is visible to all');
  assert.ok(!seen.includes('admin-private'));
  assert.match(
    await openstackFails(['network', 'show', 'admin-private'], member),
    /No Network found|could not be found/,
  );
  await openstack(['quota', 'set', '--networks', '1', 'net-other'], env);
  await openstack(['network', 'create', 'one'], member);
  assert.match(await openstackFails(['network', 'create', 'two'], member), /Quota exceeded/);
  const shared = await openstackFails(['network', 'create', '--share', 'mine-to-share'], member);
  assert.match(shared, /disallowed by policy|Forbidden/);
});
