// Medium tier: the purge with the real libvirt driver on libvirt's test driver (two agents'
// guests on one libvirt) and real host networking under a tag of its own, which the test
// builds as an earlier run would have left it and removes again whatever happens.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { LibvirtDriver, type GuestSpec } from '@tinystack/hypervisor';
import { ensureBootSectorImage, FileImageSource } from '@tinystack/hypervisor/test-images';
import { tempDir } from '@tinystack/testing';
import { HostWiring, transitOf } from '../host-network/host-wiring.js';
import { agentTagOf } from '../host-network/names.js';
import { AgentPurge, purgeLines } from './agent-purge.service.js';

const IMAGE_ID = '5b0c3a57-7a4e-4c1b-8f1e-3d6f0c2b9a02';
const HOST = `purge-test-${process.pid}-${randomBytes(3).toString('hex')}`;
const TAG = agentTagOf(HOST);
const ROUTER = randomBytes(6).toString('hex').slice(0, 11);
const NS = `tsr-${TAG}-${ROUTER}`;
const T = transitOf(ROUTER);
const MARK = `0x${T.mark.toString(16)}`;
const hex11 = () => randomBytes(6).toString('hex').slice(0, 11);
const [IDLE_BRIDGE, ROUTER_BRIDGE, BUSY_BRIDGE] = [`tsn-${hex11()}`, `tsn-${hex11()}`, `tsn-${hex11()}`];
const [VETH, DUMMY] = [`tsb${hex11()}`, `tsd${hex11()}`];

const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const quiet = (cmd: string, args: string[]) => {
  try {
    sh(cmd, args);
  } catch {
    // already gone
  }
};
const ip = (...args: string[]) => sh('/usr/sbin/ip', args);
const ipt = (...args: string[]) => sh('/usr/sbin/iptables', args);
const ours = () => ({
  namespaces: ip('netns', 'list').includes(NS),
  chains: ['filter', 'nat', 'mangle'].some((t) => sh('/usr/sbin/iptables-save', ['-t', t]).includes(`TS-${TAG}-`)),
  rule: ip('rule', 'show').includes(`fwmark ${MARK} lookup ${T.table}`),
  bridges: [IDLE_BRIDGE, ROUTER_BRIDGE].filter((b) => ip('-o', 'link', 'show').includes(` ${b}:`)),
});

const isRoot = process.getuid?.() === 0;
const tmpA = tempDir('purge-a-');
const tmpB = tempDir('purge-b-');
let source: FileImageSource;
let a: LibvirtDriver;
let b: LibvirtDriver;

/** What an agent of tag TAG leaves when it dies with a router, two ports' chains and bridges. */
function leaveNetworking(): void {
  ip('netns', 'add', NS);
  for (const br of [IDLE_BRIDGE, ROUTER_BRIDGE, BUSY_BRIDGE]) {
    ip('link', 'add', 'name', br, 'type', 'bridge');
  }
  ip('link', 'add', VETH, 'type', 'veth', 'peer', 'name', `tsq${VETH.slice(3)}`, 'netns', NS);
  ip('link', 'set', VETH, 'master', ROUTER_BRIDGE);
  ip('link', 'add', DUMMY, 'type', 'veth', 'peer', 'name', `tse${DUMMY.slice(3)}`);
  ip('link', 'set', DUMMY, 'master', BUSY_BRIDGE);
  ip('rule', 'add', 'fwmark', MARK, 'lookup', String(T.table), 'pref', '100');
  ipt('-N', `TS-${TAG}-FWD`);
  ipt('-N', `TS-${TAG}-I-${ROUTER}`);
  ipt('-A', `TS-${TAG}-FWD`, '-o', IDLE_BRIDGE, '-m', 'physdev', '--physdev-is-bridged', '-j', 'ACCEPT');
  ipt('-A', `TS-${TAG}-FWD`, '-o', BUSY_BRIDGE, '-m', 'physdev', '--physdev-is-bridged', '-j', 'ACCEPT');
  ipt('-A', 'FORWARD', '-j', `TS-${TAG}-FWD`);
  ipt('-t', 'mangle', '-N', `TS-${TAG}-MARK`);
  ipt('-t', 'mangle', '-A', `TS-${TAG}-MARK`, '-d', '127.42.251.251/32', '-j', 'MARK', '--set-xmark', `${MARK}/0xffffffff`);
  ipt('-t', 'mangle', '-A', 'OUTPUT', '-j', `TS-${TAG}-MARK`);
}

function spec(): GuestSpec {
  return { id: randomUUID(), name: 'purge-guest', vcpus: 1, memoryMiB: 64, rootDiskGiB: 1, image: { id: IMAGE_ID } };
}

before(async () => {
  source = new FileImageSource({ [IMAGE_ID]: await ensureBootSectorImage() });
  a = new LibvirtDriver({ uri: 'test:///default', stateDir: tmpA.path, virtType: 'auto', imageSource: source });
  b = new LibvirtDriver({ uri: 'test:///default', stateDir: tmpB.path, virtType: 'auto', imageSource: source });
});

after(async () => {
  if (isRoot) {
    await new HostWiring(TAG).clear().catch(() => undefined);
    quiet('/usr/sbin/ip', ['netns', 'del', NS]);
    quiet('/usr/sbin/ip', ['rule', 'del', 'fwmark', MARK, 'lookup', String(T.table)]);
    for (const dev of [DUMMY, VETH, IDLE_BRIDGE, ROUTER_BRIDGE, BUSY_BRIDGE]) {
      quiet('/usr/sbin/ip', ['link', 'del', dev]);
    }
  }
  for (const g of await b.listGuests().catch(() => [])) {
    await b.destroy(g.id, { keepDisks: false });
  }
  await b.close();
  tmpA.cleanup();
  tmpB.cleanup();
});

test('the purge removes its own guests and networking, and nothing of another agent', { skip: !isRoot && 'needs root' }, async () => {
  assert.ok(!ip('rule', 'show').includes(`fwmark ${MARK} `), 'the random mark is free on this host');
  const mine = await a.spawn(spec());
  const other = await b.spawn(spec());
  leaveNetworking();

  const report = await new AgentPurge(a, new HostWiring(TAG)).run();

  assert.deepEqual(report.guests, [mine.id]);
  assert.ok(!existsSync(`${tmpA.path}/instances/${mine.id}`), "the guest's files went too");
  assert.deepEqual((await b.listGuests()).map((g) => g.id), [other.id], "the other agent's guest stays");
  assert.deepEqual(ours(), { namespaces: false, chains: false, rule: false, bridges: [] });
  assert.ok(ip('-o', 'link', 'show').includes(` ${BUSY_BRIDGE}:`), 'a bridge with something plugged in stays');
  const n = report.network!;
  assert.deepEqual(n.namespaces, [NS]);
  assert.deepEqual(n.rules, [`fwmark ${MARK} lookup ${T.table}`]);
  assert.deepEqual([...n.chains].sort(), [`TS-${TAG}-FWD`, `TS-${TAG}-I-${ROUTER}`, `TS-${TAG}-MARK`]);
  assert.deepEqual([...n.bridges].sort(), [IDLE_BRIDGE, ROUTER_BRIDGE].sort());
  assert.deepEqual(n.busyBridges, [BUSY_BRIDGE]);
  assert.deepEqual(report.failures, [`bridges still in use: ${BUSY_BRIDGE}`]);
  assert.ok(purgeLines(report).includes(`removed guest ${mine.id}`));

  const again = await new AgentPurge(a, new HostWiring(TAG)).run();
  assert.deepEqual(again.guests, []);
  assert.deepEqual(again.failures, []);
  assert.deepEqual(again.network?.namespaces, []);
  assert.deepEqual(again.network?.rules, []);
  assert.deepEqual(again.network?.chains, []);
  assert.deepEqual(again.network?.bridges, []);
  assert.ok(ip('-o', 'link', 'show').includes(` ${BUSY_BRIDGE}:`));
  assert.equal((await b.listGuests()).length, 1);
});
