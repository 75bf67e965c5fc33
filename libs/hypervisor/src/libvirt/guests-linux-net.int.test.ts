import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { tempDir } from '@tinystack/testing';
import {
  createTestBridge,
  ensureHostBusybox,
  ensureLibvirtd,
  ensureLinuxNetGuestImage,
  FileImageSource,
  makeSshKey,
  NET_GUEST_LINES,
  netGuestAddresses,
  sshRun,
  type SshKey,
  type TestBridge,
} from '../test-images/index.js';
import { LibvirtDriver } from './driver.js';

/**
 * The net variant of the Linux test guest on qemu:///system: two guests on a bridge the test
 * makes, configured from the network_data.json of their config drives (A: static IPv4 with a
 * default route; B: `ipv4_dhcp`, served by busybox udhcpd in the test's namespace), accept
 * SSH with the config drive's key (and refuse another), and reach each other.
 *
 * The /24 exists only on the test's bridge and in a network namespace the test makes
 * (createTestBridge): the SSH client runs inside that namespace, the host namespace gets no
 * address or route to it. Under TCG for the reason guests-linux.int.test.ts gives.
 */
const IMAGE = '3c9b7d21-6e5f-4a8b-b1c2-000000000004';
const READY_MS = 240_000;
const tmp = tempDir('guests-linux-net-');
let driver: LibvirtDriver | undefined;
let net: TestBridge | undefined;
let key: SshKey;
let wrongKey: SshKey;
let busybox: string;
let udhcpd: ChildProcess | undefined;

before(async () => {
  await ensureLibvirtd();
  const image = await ensureLinuxNetGuestImage();
  busybox = await ensureHostBusybox();
  key = await makeSshKey(tmp.path, 'id_guest');
  wrongKey = await makeSshKey(tmp.path, 'id_wrong');
  net = await createTestBridge();
  driver = new LibvirtDriver({
    uri: 'qemu:///system',
    stateDir: tmp.path,
    virtType: 'qemu',
    imageSource: new FileImageSource({ [IMAGE]: image }),
  });
  await driver.init();
});

after(async () => {
  udhcpd?.kill('SIGKILL');
  if (driver) {
    for (const g of await driver.listGuests().catch(() => [])) {
      await driver.destroy(g.id, { keepDisks: false }).catch(() => undefined);
    }
    await driver.close();
  }
  await net?.cleanup();
  tmp.cleanup();
});

const mac = () =>
  `52:54:00:${[...randomBytes(3)].map((b) => b.toString(16).padStart(2, '0')).join(':')}`;

/** network_data.json as Nova writes it for one port: a fixed IPv4 address, or DHCP. */
function networkData(m: string, ip: string, gateway: string, dhcp: boolean) {
  const network = dhcp
    ? { id: 'network0', type: 'ipv4_dhcp', link: 'tap0', network_id: randomUUID() }
    : {
        id: 'network0',
        type: 'ipv4',
        link: 'tap0',
        ip_address: ip,
        netmask: '255.255.255.0',
        routes: [{ network: '0.0.0.0', netmask: '0.0.0.0', gateway }],
        network_id: randomUUID(),
        services: [{ type: 'dns', address: gateway }],
      };
  return {
    links: [
      { id: 'tap0', vif_id: randomUUID(), type: 'bridge', ethernet_mac_address: m, mtu: 1500 },
    ],
    networks: [network],
    services: [{ type: 'dns', address: gateway }],
  };
}

/** busybox udhcpd in the test namespace, leasing `ip` to `m` (and nothing else). */
async function startUdhcpd(seg: TestBridge, m: string, ip: string): Promise<void> {
  const conf = join(tmp.path, 'udhcpd.conf');
  await writeFile(
    conf,
    [
      `interface ${seg.nsInterface}`,
      `start ${ip}`,
      `end ${ip}`,
      `static_lease ${m} ${ip}`,
      `lease_file ${join(tmp.path, 'udhcpd.leases')}`,
      `pidfile ${join(tmp.path, 'udhcpd.pid')}`,
      'option subnet 255.255.255.0',
      `option router ${seg.gateway}`,
      'option lease 3600',
      '',
    ].join('\n'),
  );
  await writeFile(join(tmp.path, 'udhcpd.leases'), '');
  udhcpd = spawn('/usr/sbin/ip', ['netns', 'exec', seg.netns, busybox, 'udhcpd', '-f', conf], {
    stdio: 'ignore',
  });
}

async function bootGuest(
  name: string,
  ip: string,
  m: string,
  dhcp = false,
): Promise<{ id: string; mac: string; ip: string; t0: number }> {
  const d = driver as LibvirtDriver;
  const seg = net as TestBridge;
  const id = randomUUID();
  const t0 = Date.now();
  await d.spawn({
    id,
    name,
    vcpus: 1,
    memoryMiB: 128,
    rootDiskGiB: 0,
    image: { id: IMAGE },
    vifs: [{ type: 'bridge', bridge: seg.bridge, mac: m }],
    configDrive: {
      uuid: id,
      name,
      metadata: {},
      publicKeys: { 'test-key': key.publicKey },
      extraJson: { network_data: networkData(m, ip, seg.gateway, dhcp), vendor_data: {} },
    },
  });
  return { id, mac: m, ip, t0 };
}

/** The console log once it shows "ssh ready" and a network line for `ip`. */
async function waitSshReady(id: string, ip: string, t0: number): Promise<string> {
  const d = driver as LibvirtDriver;
  for (;;) {
    const log = await d.readConsole(id);
    if (
      log.includes(NET_GUEST_LINES.sshReady) &&
      netGuestAddresses(log).some((n) => n.address === `${ip}/24`)
    ) {
      return log;
    }
    if (log.includes(NET_GUEST_LINES.sshFailed) || Date.now() - t0 > READY_MS) {
      assert.fail(`guest ${id} did not get ssh ready in ${Date.now() - t0} ms:\n${log}`);
    }
    await sleep(500);
  }
}

test('two net guests get their addresses from network_data.json, take SSH by key only and reach each other', async (t) => {
  const seg = net as TestBridge;
  const a = await bootGuest('net-a', `${seg.prefix}.11`, mac());
  const bMac = mac();
  await startUdhcpd(seg, bMac, `${seg.prefix}.12`);
  const b = await bootGuest('net-b', `${seg.prefix}.12`, bMac, true);
  const logs = await Promise.all(
    [a, b].map(async (g) => {
      const log = await waitSshReady(g.id, g.ip, g.t0);
      const ms = Date.now() - g.t0;
      const how = g === a ? 'static' : 'DHCP';
      t.diagnostic(`guest ${g.ip} (${how}): spawn call to "ssh ready" ${ms} ms (TCG, 128 MiB)`);
      return log;
    }),
  );
  [a, b].forEach((g, i) => {
    assert.deepEqual(
      netGuestAddresses(logs[i]).map((n) => [n.mac, n.address]),
      [[g.mac, `${g.ip}/24`]],
    );
  });

  const ssh = (host: string, command: string, k = key) =>
    sshRun({ host, key: k.path, command, netns: seg.netns });
  const s0 = Date.now();
  const addr = await ssh(a.ip, 'ip -4 addr show; ip route; hostname');
  t.diagnostic(`first ssh command ${Date.now() - s0} ms (includes the host key made on first use)`);
  assert.equal(addr.code, 0, addr.stderr);
  assert.match(addr.stdout, new RegExp(`inet ${a.ip.replace(/\./g, '\\.')}/24`));
  assert.match(addr.stdout, new RegExp(`default via ${seg.gateway.replace(/\./g, '\\.')}`));
  assert.match(addr.stdout, /net-a/);
  const leased = await ssh(b.ip, 'ip -4 addr show; ip route');
  assert.equal(leased.code, 0, leased.stderr);
  assert.match(leased.stdout, new RegExp(`inet ${b.ip.replace(/\./g, '\\.')}/24`));
  assert.match(leased.stdout, new RegExp(`default via ${seg.gateway.replace(/\./g, '\\.')}`));

  let ping = await ssh(a.ip, `ping -c 1 -W 2 ${b.ip}`);
  for (let i = 0; i < 3 && ping.code !== 0; i++) {
    ping = await ssh(a.ip, `ping -c 1 -W 2 ${b.ip}`);
  }
  assert.equal(ping.code, 0, `${ping.stdout}${ping.stderr}`);
  assert.match(ping.stdout, /1 packets received/);

  const applets = await ssh(b.ip, 'which ping nc ip cat wget');
  assert.equal(applets.code, 0, applets.stderr);
  assert.deepEqual(applets.stdout.trim().split('\n'), [
    '/bin/ping',
    '/bin/nc',
    '/bin/ip',
    '/bin/cat',
    '/bin/wget',
  ]);
  assert.equal((await ssh(b.ip, 'exit 7')).code, 7, 'the remote exit status comes back');

  const refused = await ssh(a.ip, 'true', wrongKey);
  assert.equal(refused.code, 255, `a key not in public_keys must be refused: ${refused.stdout}`);
  assert.match(refused.stderr, /Permission denied/);
});
