// Networking with real guests: the whole cloud (network service included) from `tinystack
// up`, the real agent wiring this host, and the Linux test guest (dropbear, key from the
// config drive, addresses from network_data.json) booted under QEMU's TCG (it does not boot
// under nested KVM here; docs/compute-host.md). openstacksdk's create_server(wait=True)
// keeps its server; SSH through a loopback floating IP; two servers on one network reach
// each other, another project's server with the same subnet does not; removing the SSH
// rule closes port 22; deleting the servers leaves no wiring on the host.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { openstack, startCloud, type Cloud } from '../harness/index.js';
import { createProject, createUser, grant, passwordEnv, type OsEnv } from '../identity/identity.fixtures.js';
import { waitForConsoleLine, waitForStatus } from '../compute/compute.fixtures.js';
import { makeKey, netGuestImage, ssh } from './guest.fixtures.js';

const run = promisify(execFile);
const HOST = `e2e-net-${process.pid}`;
const TAG = createHash('sha256').update(HOST).digest('hex').slice(0, 6);
const SSH_READY = 'tinystack-guest: ssh ready';

let cloud: Cloud;
let env: OsEnv;
let key: string;
let sshRule: string;
/** The admin project's default group, by id: an admin sees every project's `default`. */
let defaultGroup: string;
const servers: Array<{ id: string; env: OsEnv }> = [];


async function boot(name: string, nic: string, e: OsEnv = env): Promise<{ id: string; addresses: Record<string, string[]> }> {
  // microversion 2.37 for --nic auto (an environment variable: the harness adds -f json only when the command comes first)
  const s = await openstack<{ id: string }>(['server', 'create', '--image', 'netguest', '--flavor', 'net.tiny', '--key-name', 'k', '--nic', nic, name], { ...e, OS_COMPUTE_API_VERSION: '2.37' });
  servers.push({ id: s.id, env: e });
  const active = (await waitForStatus(e, s.id, 'ACTIVE')) as unknown as { addresses: Record<string, string[]> };
  return { id: s.id, addresses: active.addresses };
}

/** Retries SSH until it answers (the guest may still be starting dropbear) or `ms` pass. */
async function sshUntil(host: string, command: string, ms: number): Promise<{ stdout: string; elapsedMs: number }> {
  const t0 = Date.now();
  for (;;) {
    const res = await ssh(host, key, command);
    if (res.code === 0) {
      return { stdout: res.stdout, elapsedMs: Date.now() - t0 };
    }
    if (Date.now() - t0 > ms) {
      assert.fail(`ssh ${host} ${command}: ${res.code} ${res.stderr}`);
    }
    await sleep(250);
  }
}

before(async () => {
  const image = await netGuestImage();
  cloud = await startCloud({
    env: {
      TINYSTACK_SERVICES: 'identity,object-store,image,network,compute,compute-agent',
      COMPUTE_AGENT_HOST_NAME: HOST,
      // the Linux test guest does not boot under nested KVM (docs/compute-host.md)
      COMPUTE_AGENT_VIRT_TYPE: 'qemu',
      COMPUTE_AGENT_SHUTDOWN_TIMEOUT: '3s',
    },
  });
  env = cloud.env;
  const dir = mkdtempSync(join(tmpdir(), 'e2e-net-'));
  key = await makeKey(dir);
  await openstack(['image', 'create', '--file', image, '--disk-format', 'raw', '--container-format', 'bare', '--public', 'netguest'], env);
  await openstack(['flavor', 'create', '--ram', '128', '--disk', '1', '--vcpus', '1', '--public', 'net.tiny'], env);
  await openstack(['keypair', 'create', '--public-key', `${key}.pub`, 'k'], env);
  const groups = await openstack<Array<{ ID: string; Name: string }>>(['security', 'group', 'list', '--project', 'admin'], env);
  defaultGroup = groups.find((g) => g.Name === 'default')?.ID ?? assert.fail('the admin project has no default group');
  sshRule = (await openstack<{ id: string }>(['security', 'group', 'rule', 'create', '--protocol', 'tcp', '--dst-port', '22', '--remote-ip', '0.0.0.0/0', defaultGroup], env)).id;
  await openstack(['security', 'group', 'rule', 'create', '--protocol', 'icmp', '--remote-ip', '0.0.0.0/0', defaultGroup], env);
});

after(async () => {
  for (const s of servers) {
    await openstack(['server', 'delete', '--wait', s.id], s.env).catch(() => undefined);
  }
  await cloud?.stop();
});

test('openstacksdk create_server(wait=True) keeps its server: it turns ACTIVE with addresses', async () => {
  const script = join(mkdtempSync(join(tmpdir(), 'e2e-sdk-')), 'boot.py');
  writeFileSync(
    script,
    [
      'import json, openstack',
      'conn = openstack.connect()',
      "s = conn.create_server('sdk-vm', image='netguest', flavor='net.tiny', wait=True, timeout=600, auto_ip=False)",
      "print(json.dumps({'id': s.id, 'status': s.status, 'addresses': s.addresses}))",
    ].join('\n'),
  );
  const { stdout } = await run('/usr/bin/python3', [script], { env: { ...process.env, ...env, PYTHONWARNINGS: 'ignore' }, timeout: 600_000 });
  const out = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { id: string; status: string; addresses: Record<string, Array<{ addr: string }>> };
  servers.push({ id: out.id, env });
  assert.equal(out.status, 'ACTIVE');
  const addrs = Object.values(out.addresses).flat();
  assert.ok(addrs.length > 0, 'the server has addresses');
  const still = await openstack<{ status: string }>(['server', 'show', out.id], env);
  assert.equal(still.status, 'ACTIVE', 'the SDK did not delete it');
});

test('SSH through a floating IP; two servers on one network reach each other, another project cannot', async () => {
  const t0 = Date.now();
  const vm1 = await boot('vm1', 'auto');
  const net = Object.keys(vm1.addresses)[0] ?? assert.fail('vm1 has no network');
  assert.equal(net, 'auto_allocated_network');
  const netId = (await openstack<Array<{ ID: string }>>(['network', 'list', '--name', net], env))[0]?.ID ?? '';
  const vm2 = await boot('vm2', `net-id=${netId}`);
  await waitForConsoleLine(env, vm1.id, SSH_READY, 600_000);
  const bootToSsh = Date.now() - t0;

  // project B: its own network with the same subnet, a server at an address vm1 will try
  const pb = 'net-guests-b';
  await createProject(env, pb);
  await createUser(env, 'guest-b', 'Guest-b-Passw0rd', pb);
  await grant(env, 'member', 'guest-b', pb);
  const envB = passwordEnv(cloud, 'guest-b', 'Guest-b-Passw0rd', pb);
  await openstack(['network', 'create', 'b-net'], envB);
  await openstack(['subnet', 'create', '--network', 'b-net', '--subnet-range', '10.0.0.0/24', 'b-sub'], envB);
  await openstack(['keypair', 'create', '--public-key', `${key}.pub`, 'k'], envB);
  await openstack(['security', 'group', 'rule', 'create', '--protocol', 'icmp', '--remote-ip', '0.0.0.0/0', 'default'], envB);
  const vm3 = await boot('vm3', 'net-id=' + (await openstack<{ id: string }>(['network', 'show', 'b-net'], envB)).id + ',v4-fixed-ip=10.0.0.99', envB);
  assert.deepEqual(vm3.addresses['b-net'], ['10.0.0.99']);

  const fip = (await openstack<{ floating_ip_address: string }>(['floating', 'ip', 'create', 'public'], env)).floating_ip_address;
  assert.match(fip, /^127\.42\.\d+\.\d+$/);
  const t1 = Date.now();
  await openstack(['server', 'add', 'floating', 'ip', 'vm1', fip], env);
  const first = await sshUntil(fip, 'ip -4 -o addr show eth0', 120_000);
  const fipToReachable = Date.now() - t1;
  assert.match(first.stdout, new RegExp(`inet ${(vm1.addresses[net] ?? [])[0]?.replace(/\./g, '\\.')}/24`));
  const shown = await openstack<{ addresses: Record<string, string[]> }>(['server', 'show', 'vm1'], env);
  assert.ok((shown.addresses[net] ?? []).includes(fip), 'server show lists the floating IP');

  await waitForConsoleLine(env, vm2.id, SSH_READY, 600_000);
  await waitForConsoleLine(envB, vm3.id, SSH_READY, 600_000);
  const vm2ip = (vm2.addresses[net] ?? [])[0] ?? '';
  await sshUntil(fip, `ping -c 2 -W 3 ${vm2ip}`, 60_000);
  const other = await ssh(fip, key, 'ping -c 2 -W 2 10.0.0.99', 30_000);
  assert.notEqual(other.code, 0, "another project's server on the same subnet numbers is not reachable");
  process.stdout.write(`# boot to ssh-ready ${bootToSsh} ms; floating IP associate to SSH ${fipToReachable} ms\n`);
});

test('removing the SSH rule closes port 22 through the floating IP; adding it back opens it', async () => {
  const fip = (await openstack<Array<{ 'Floating IP Address': string; Port: string | null }>>(['floating', 'ip', 'list'], env)).find((f) => f.Port)?.['Floating IP Address'] ?? assert.fail('no associated floating IP');
  await sshUntil(fip, 'true', 60_000);
  await openstack(['security', 'group', 'rule', 'delete', sshRule], env);
  await sleep(1000);
  const closed = await ssh(fip, key, 'true');
  assert.notEqual(closed.code, 0, 'port 22 is closed');
  await openstack(['security', 'group', 'rule', 'create', '--protocol', 'tcp', '--dst-port', '22', '--remote-ip', '0.0.0.0/0', defaultGroup], env);
  await sshUntil(fip, 'true', 30_000);
});

test('server add network / remove network hot-plug a NIC into the running guest', async () => {
  await openstack(['network', 'create', 'side-net'], env);
  await openstack(['subnet', 'create', '--network', 'side-net', '--subnet-range', '10.30.0.0/24', 'side-sub'], env);
  const vm1 = await openstack<{ id: string }>(['server', 'show', 'vm1'], env);
  const nics = async () => (await run('virsh', ['-c', 'qemu:///system', 'domiflist', vm1.id])).stdout.split('\n').filter((l) => /bridge/.test(l)).length;
  assert.equal(await nics(), 1);
  await openstack(['server', 'add', 'network', 'vm1', 'side-net'], env);
  const ports = await openstack<Array<{ 'Fixed IP Addresses': unknown }>>(['port', 'list', '--server', vm1.id], env);
  assert.equal(ports.length, 2);
  assert.equal(await nics(), 2, 'the guest has a second NIC');
  const shown = await openstack<{ addresses: Record<string, string[]> }>(['server', 'show', 'vm1'], env);
  assert.deepEqual(shown.addresses['side-net'], ['10.30.0.2']);
  await openstack(['server', 'remove', 'network', 'vm1', 'side-net'], env);
  assert.equal(await nics(), 1, 'and loses it again');
  assert.equal((await openstack<unknown[]>(['port', 'list', '--server', vm1.id], env)).length, 1);
});

test('deleting every server leaves none of this agent\'s wiring on the host', async () => {
  for (const s of servers.splice(0)) {
    await openstack(['server', 'delete', '--wait', s.id], s.env);
  }
  const deadline = Date.now() + 30_000;
  let left = '';
  while (Date.now() < deadline) {
    const rules = (await run('/usr/sbin/iptables-save', [])).stdout;
    // this agent's chains only (TS-<first 6 hex of sha256(host name)>-): clouds that ran
    // before or beside this one on the machine have chains of their own
    const fips = rules.split('\n').filter((l) => l.includes(`TS-${TAG}-`) && l.includes('127.42.'));
    left = fips.join('\n');
    if (left === '') {
      break;
    }
    await sleep(500);
  }
  assert.equal(left, '', 'no floating IP rules stay behind');
});
