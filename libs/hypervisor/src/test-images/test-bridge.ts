import { execFile } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const IP = '/usr/sbin/ip';
const IPTABLES = '/usr/sbin/iptables';
/** One file per live segment (`<id>`: the creating pid and the prefix), for sweeping leftovers. */
const REGISTRY = '/run/tinystack-test-bridges';

/**
 * A throw-away layer-2 segment for guests, reachable only from a network namespace the test
 * makes (root only):
 *
 *   guest NICs ──tap── bridge `tstst<id>` (host namespace, no address) ──veth── netns `tstst<id>`
 *                                                                          <prefix>.1/24
 *
 * The host namespace gets no address and no route on it: the test-only /24 exists only on the
 * bridge and in the namespace, whose one interface is the veth, so nothing reaches any other
 * network. Test clients run inside the namespace (`ip netns exec`, sshRun's `netns`).
 * When br_netfilter hands bridged frames to iptables (Docker's FORWARD policy is DROP), one
 * ACCEPT rule for frames within this bridge is inserted; cleanup() removes it, the namespace,
 * the veth pair and the bridge. Segments of test processes that died without cleanup() are
 * swept by the next createTestBridge().
 */
export interface TestBridge {
  /** The Linux bridge for VifSpec `{ type: 'bridge', bridge, mac }`. */
  readonly bridge: string;
  /** The network namespace holding the test's end of the segment. */
  readonly netns: string;
  /** The namespace's end of the veth pair (its only interface besides lo). */
  readonly nsInterface: string;
  /** The first three octets of the segment's /24 (e.g. `10.251.37`). */
  readonly prefix: string;
  /** The namespace's address on the segment (`<prefix>.1`). */
  readonly gateway: string;
  /** Run a command inside the namespace. */
  exec(file: string, args: readonly string[], timeoutMs?: number): Promise<string>;
  cleanup(): Promise<void>;
}

async function ip(args: readonly string[]): Promise<void> {
  await run(IP, args, { timeout: 30_000 });
}

async function bridgedFramesFiltered(): Promise<boolean> {
  const v = await readFile('/proc/sys/net/bridge/bridge-nf-call-iptables', 'utf8').catch(() => '0');
  return v.trim() === '1';
}

interface Names {
  readonly bridge: string;
  readonly netns: string;
  readonly hostVeth: string;
  readonly nsVeth: string;
  readonly gateway: string;
}

/** bridge (no address, no IPv6), namespace, veth pair with the namespace's end addressed. */
async function plumb(n: Names): Promise<void> {
  await ip(['link', 'add', n.bridge, 'type', 'bridge']);
  await writeFile(`/proc/sys/net/ipv6/conf/${n.bridge}/disable_ipv6`, '1').catch(() => undefined);
  await ip(['link', 'set', n.bridge, 'up']);
  await ip(['netns', 'add', n.netns]);
  await ip(['link', 'add', n.hostVeth, 'type', 'veth', 'peer', 'name', n.nsVeth]);
  await ip(['link', 'set', n.nsVeth, 'netns', n.netns]);
  await ip(['link', 'set', n.hostVeth, 'master', n.bridge, 'up']);
  await ip(['-n', n.netns, 'addr', 'add', `${n.gateway}/24`, 'dev', n.nsVeth]);
  await ip(['-n', n.netns, 'link', 'set', n.nsVeth, 'up']);
  await ip(['-n', n.netns, 'link', 'set', 'lo', 'up']);
}

/** iptables FORWARD rule accepting frames bridged within `bridge` (without -I/-D). */
const forwardRule = (bridge: string) => [
  'FORWARD',
  ...['-i', bridge, '-o', bridge, '-j', 'ACCEPT'],
  ...['-m', 'comment', '--comment', `tinystack test bridge ${bridge}`],
];

/** Undo plumb() and the FORWARD rule; every step runs even when one fails. */
async function unplumb(n: Names, ruleAdded: boolean): Promise<void> {
  if (ruleAdded) {
    await run(IPTABLES, ['-D', ...forwardRule(n.bridge)]).catch(() => undefined);
  }
  await ip(['netns', 'del', n.netns]).catch(() => undefined);
  await ip(['link', 'del', n.hostVeth]).catch(() => undefined);
  await ip(['link', 'del', n.bridge]).catch(() => undefined);
}

const namesOf = (id: string, prefix: string): Names => ({
  bridge: `tstst${id}`,
  netns: `tstst${id}`,
  hostVeth: `tststh${id}`,
  nsVeth: `tststn${id}`,
  gateway: `${prefix}.1`,
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove the segments whose creating process is gone. */
async function sweep(): Promise<void> {
  for (const id of await readdir(REGISTRY).catch(() => [] as string[])) {
    const file = join(REGISTRY, id);
    const rec = JSON.parse(await readFile(file, 'utf8').catch(() => '{}')) as {
      pid?: number;
      prefix?: string;
    };
    if (/^[0-9a-f]{5}$/.test(id) && rec.pid && rec.prefix && !alive(rec.pid)) {
      await unplumb(namesOf(id, rec.prefix), true);
      await rm(file, { force: true });
    }
  }
}

/** A new segment in 10.251.<random>.0/24 (see TestBridge). */
export async function createTestBridge(): Promise<TestBridge> {
  if (process.getuid?.() !== 0) {
    throw new Error('createTestBridge needs root (bridges, veth pairs, network namespaces)');
  }
  await sweep();
  const id = randomBytes(3).toString('hex').slice(0, 5);
  const prefix = `10.251.${randomInt(2, 254)}`;
  const n = namesOf(id, prefix);
  const record = join(REGISTRY, id);
  await mkdir(REGISTRY, { recursive: true });
  await writeFile(record, JSON.stringify({ pid: process.pid, prefix }));
  let ruleAdded = false;
  const cleanup = async () => {
    await unplumb(n, ruleAdded);
    await rm(record, { force: true });
  };
  try {
    await plumb(n);
    if (await bridgedFramesFiltered()) {
      await run(IPTABLES, ['-I', ...forwardRule(n.bridge)], { timeout: 30_000 });
      ruleAdded = true;
    }
  } catch (err) {
    await cleanup();
    throw err;
  }
  return {
    bridge: n.bridge,
    netns: n.netns,
    nsInterface: n.nsVeth,
    prefix,
    gateway: n.gateway,
    exec: async (file, args, timeoutMs = 60_000) =>
      (await run(IP, ['netns', 'exec', n.netns, file, ...args], { timeout: timeoutMs })).stdout,
    cleanup,
  };
}
