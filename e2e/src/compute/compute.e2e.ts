// Compute through the real openstack CLI against a whole cloud from `tinystack up`, with
// the real compute agent running real guests (KVM, or QEMU's TCG without /dev/kvm): the
// 512-byte boot-sector image prints one line on its serial console and halts. Flavors,
// key pairs, server create --wait, list, show, console log, stop / start / reboot / pause /
// suspend, a snapshot booted as a second server, delete --wait (domain and disk gone),
// quota refusal, and isolation from another project's member.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openstack, openstackFails, runOpenstack, startCloud, type Cloud } from '../harness/index.js';
import { createProject, createUser, grant, passwordEnv, type OsEnv } from '../identity/identity.fixtures.js';
import {
  agentFilesOf,
  bootSectorImage,
  domainsOf,
  GUEST_LINE,
  waitForConsoleLine,
  waitForStatus,
  type ServerRow,
} from './compute.fixtures.js';

let cloud: Cloud;
let env: OsEnv;
let server: ServerRow;

before(async () => {
  const image = await bootSectorImage();
  cloud = await startCloud({
    env: {
      // the boot sector ignores ACPI: do not wait a minute for it on every stop and soft reboot
      COMPUTE_AGENT_SHUTDOWN_TIMEOUT: '3s',
      COMPUTE_AGENT_REBOOT_TIMEOUT: '3s',
      // a name of its own: other clouds may share this machine's libvirt
      COMPUTE_AGENT_HOST_NAME: `e2e-${process.pid}`,
    },
  });
  env = cloud.env;
  await openstack(['image', 'create', '--file', image, '--disk-format', 'raw', '--container-format', 'bare', '--public', 'bootsector'], env);
});
after(async () => {
  await cloud?.stop();
});

test('flavor create (admin) and list: the new flavor beside the defaults', async () => {
  const created = await openstack<{ name: string; ram: number; vcpus: number; disk: number }>(
    ['flavor', 'create', '--ram', '128', '--disk', '1', '--vcpus', '1', '--property', 'hw:test=yes', 'e2e.tiny'],
    env,
  );
  assert.deepEqual({ ram: created.ram, vcpus: created.vcpus, disk: created.disk }, { ram: 128, vcpus: 1, disk: 1 });
  const list = await openstack<Array<{ Name: string }>>(['flavor', 'list'], env);
  const names = list.map((f) => f.Name);
  for (const n of ['e2e.tiny', 't1.nano', 'm1.tiny', 'm1.small']) {
    assert.ok(names.includes(n), `${n} in ${names.join(', ')}`);
  }
  const shown = await openstack<{ properties: unknown }>(['flavor', 'show', 'e2e.tiny'], env);
  assert.match(JSON.stringify(shown.properties), /hw:test/);
});

test('keypair create: a generated key, its private half printed once', async () => {
  const run = await runOpenstack(['keypair', 'create', 'e2e-key'], env);
  assert.ok(run.ok, run.stderr);
  assert.match(run.stdout, /BEGIN (RSA )?PRIVATE KEY/);
  const shown = await openstack<{ name: string; fingerprint: string }>(['keypair', 'show', 'e2e-key'], env);
  assert.match(shown.fingerprint, /^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
});

test('server create --wait: ACTIVE on the agent, in list and show', async () => {
  server = await openstack<ServerRow>(
    ['server', 'create', '--flavor', 'e2e.tiny', '--image', 'bootsector', '--key-name', 'e2e-key', '--property', 'role=e2e', '--wait', 'vm1'],
    env,
  );
  assert.equal(server.status, 'ACTIVE');
  assert.equal(server['key_name'], 'e2e-key');
  assert.match(String(server['OS-EXT-SRV-ATTR:host']), /^e2e-/);
  const list = await openstack<Array<{ ID: string; Status: string; Flavor: string; Image: string }>>(['server', 'list'], env);
  const row = list.find((s) => s.ID === server.id);
  assert.deepEqual({ status: row?.Status, flavor: row?.Flavor, image: row?.Image }, { status: 'ACTIVE', flavor: 'e2e.tiny', image: 'bootsector' });
  const shown = await openstack<ServerRow>(['server', 'show', 'vm1'], env);
  assert.equal(shown.id, server.id);
  assert.match(JSON.stringify(shown['properties']), /role/);
  assert.equal((await domainsOf(server.id)).length, 1, 'a libvirt domain runs it');
});

test("console log show: the guest's line is there", async () => {
  const text = await waitForConsoleLine(env, server.id, GUEST_LINE);
  assert.ok(text.includes(GUEST_LINE));
});

test('stop, start, reboot (soft and hard), pause and suspend go through their states', async () => {
  await openstack(['server', 'stop', server.id], env);
  const off = await waitForStatus(env, server.id, 'SHUTOFF');
  assert.equal(off['OS-EXT-STS:power_state'], 4, 'Shutdown');
  await openstack(['server', 'start', server.id], env);
  const on = await waitForStatus(env, server.id, 'ACTIVE');
  assert.equal(on['OS-EXT-STS:power_state'], 1, 'Running');
  await openstack(['server', 'reboot', '--wait', server.id], env);
  await openstack(['server', 'reboot', '--hard', '--wait', server.id], env);
  await waitForStatus(env, server.id, 'ACTIVE');
  await openstack(['server', 'pause', server.id], env);
  await waitForStatus(env, server.id, 'PAUSED');
  await openstack(['server', 'unpause', server.id], env);
  await waitForStatus(env, server.id, 'ACTIVE');
  await openstack(['server', 'suspend', server.id], env);
  await waitForStatus(env, server.id, 'SUSPENDED');
  await openstack(['server', 'resume', server.id], env);
  await waitForStatus(env, server.id, 'ACTIVE');
  const refused = await openstackFails(['server', 'start', server.id], env);
  assert.match(refused, /Cannot 'start' instance .* while it is in vm_state active/);
  const events = await openstack<Array<{ Action: string }>>(['server', 'event', 'list', server.id], env);
  const actions = events.map((e) => e.Action);
  for (const a of ['create', 'stop', 'start', 'reboot', 'pause', 'unpause', 'suspend', 'resume']) {
    assert.ok(actions.includes(a), `${a} in ${actions.join(', ')}`);
  }
});

test('createImage, then a second server boots from the snapshot', async () => {
  const image = await openstack<{ id: string; status: string; disk_format: string }>(
    ['server', 'image', 'create', '--name', 'vm1-snap', '--wait', server.id],
    env,
  );
  assert.equal(image.status, 'active');
  const second = await openstack<ServerRow>(['server', 'create', '--flavor', 'e2e.tiny', '--image', 'vm1-snap', '--wait', 'vm2'], env);
  assert.equal(second.status, 'ACTIVE');
  await waitForConsoleLine(env, second.id, GUEST_LINE);
  await openstack(['server', 'delete', '--wait', second.id], env);
});

test('a member of another project can neither see nor act on the server', async () => {
  await createProject(env, 'other');
  await createUser(env, 'mallory', 'mallory-pass-1', 'other');
  await grant(env, 'member', 'mallory', 'other');
  const mallory = passwordEnv(cloud, 'mallory', 'mallory-pass-1', 'other');
  const before = await openstack<ServerRow>(['server', 'show', server.id], env);
  const list = await openstack<Array<{ ID: string }>>(['server', 'list'], mallory);
  assert.ok(!list.some((s) => s.ID === server.id));
  assert.match(await openstackFails(['server', 'show', server.id], mallory), /No server with a name or ID|could not be found/);
  await openstackFails(['server', 'stop', server.id], mallory);
  await openstackFails(['server', 'delete', server.id], mallory);
  await openstackFails(['--os-compute-api-version', '2.1', 'console', 'log', 'show', server.id], mallory);
  const afterwards = await openstack<ServerRow>(['server', 'show', server.id], env);
  assert.equal(afterwards.status, before.status, 'untouched');
});

test('quota exceeded: a create over the instances quota is refused', async () => {
  await openstack(['quota', 'set', '--force', '--instances', '1', 'admin'], env);
  try {
    const refused = await openstackFails(['server', 'create', '--flavor', 'e2e.tiny', '--image', 'bootsector', 'over'], env);
    assert.match(refused, /Quota exceeded for instances/);
  } finally {
    await openstack(['quota', 'set', '--instances', '10', 'admin'], env);
  }
});

test('delete --wait: the server is gone, and so are its domain and disk', async () => {
  assert.ok(agentFilesOf(cloud, server.id).length > 0, 'the agent keeps its disk');
  await openstack(['server', 'delete', '--wait', server.id], env);
  assert.match(await openstackFails(['server', 'show', server.id], env), /No server with a name or ID/);
  assert.deepEqual(await domainsOf(server.id), []);
  assert.deepEqual(agentFilesOf(cloud, server.id), []);
});
