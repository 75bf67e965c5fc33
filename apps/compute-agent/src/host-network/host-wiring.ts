import { existsSync } from 'node:fs';
import type { networkV1 } from '@tinystack/contracts';
import { loggerFor } from '@tinystack/logging';
import { ensureBridge } from './bridges.js';
import { chainsOf, filterTable, type Chains } from './firewall-rules.js';
import { inNetns, IP, IPTABLES, IPTABLES_SAVE, iptablesRestore, run, succeeds, sysctl } from './host-commands.js';
import { agentChainsIn, bridgesIn, fwmarkRulesIn, marksIn, portChainsIn, routerNamespacesIn, shortRouterIdOf, type FwmarkRule } from './host-inventory.js';
import { bridgeOf, routerNsOf, routerPortDevs, transitDevs } from './names.js';

/** A router's fwmark and routing table are these plus the same index (its id's first 3 hex digits). */
const MARK_BASE = 0x54530000;
const TABLE_BASE = 21000;

/** The routing table that goes with a router's fwmark. */
const tableOfMark = (mark: number): number => TABLE_BASE + mark - MARK_BASE;

/** The /30 between the host and one router namespace, its fwmark and routing table. */
export function transitOf(routerId: string): { hostIp: string; innerIp: string; mark: number; table: number } {
  const idx = parseInt(routerId.replace(/-/g, '').slice(0, 3), 16) || 0;
  const a = 64 + (idx >> 6);
  const b = (idx & 63) * 4;
  const mark = MARK_BASE + idx;
  return { hostIp: `169.254.${a}.${b + 1}`, innerIp: `169.254.${a}.${b + 2}`, mark, table: tableOfMark(mark) };
}

/**
 * The address a floating IP's traffic is rewritten to on the host before it enters the
 * router namespace (one per floating IP, in 169.254.128.0/17): a loopback floating IP cannot
 * be routed off the host as it is, and rewriting straight to the fixed IP would meet the same
 * connection again when the host bridges it to the guest.
 */
export function innerOf(floatingIp: string): string {
  const parts = floatingIp.split('.').map(Number);
  return `169.254.${128 + ((parts[2] ?? 0) & 127)}.${parts[3] ?? 0}`;
}

/** What {@link HostWiring.clear} found of this agent and removed. */
export interface ClearedWiring {
  readonly namespaces: string[];
  /** `fwmark <mark> lookup <table>` */
  readonly rules: string[];
  readonly chains: string[];
  readonly bridges: string[];
  /** This agent's bridges that something is still plugged into, so they stay. */
  readonly busyBridges: string[];
}

/** A router's fwmark rule and the routing table it points to, gone (each step may already be). */
async function removePolicyRoute(r: FwmarkRule): Promise<void> {
  await succeeds(IP, ['rule', 'del', 'fwmark', `0x${r.mark.toString(16)}`, 'lookup', String(r.table)]);
  await succeeds(IP, ['route', 'flush', 'table', String(r.table)]);
}

const linkExists = (dev: string, ns?: string) => succeeds(IP, [...(ns ? ['-n', ns] : []), 'link', 'show', 'dev', dev]);

/**
 * Makes this host's networking match what the network service says (one complete message
 * at a time, see WatchHostNetwork): a bridge per network, a namespace per router with its
 * interfaces on those bridges and a veth to the host, security group chains on the bridged
 * traffic of each tap, and each floating IP (a loopback address) forwarded through its
 * router to the guest. Everything is named after this agent or the network service's ids,
 * so agents sharing a machine leave each other alone.
 */
export class HostWiring {
  private readonly log = loggerFor('HostWiring');
  private readonly chains: Chains;
  private readonly routers = new Set<string>();
  private readonly bridges = new Set<string>();
  private readonly portChains = new Set<string>();

  private adopted = false;

  constructor(private readonly tag: string) {
    this.chains = chainsOf(tag);
  }

  async apply(cfg: networkV1.WatchHostNetworkResponse): Promise<void> {
    const t0 = Date.now();
    await this.adoptOnce();
    const bridges = new Map<string, number>();
    for (const p of cfg.ports) {
      bridges.set(bridgeOf(p.networkId), p.mtu || 1500);
    }
    for (const r of cfg.routers) {
      for (const i of r.interfaces) {
        bridges.set(bridgeOf(i.networkId), i.mtu || 1500);
      }
    }
    for (const [name, mtu] of bridges) {
      await ensureBridge(name, mtu);
      this.bridges.add(name);
    }
    for (const r of cfg.routers) {
      await this.ensureRouter(r);
    }
    for (const id of [...this.routers]) {
      if (!cfg.routers.some((r) => r.routerId === id)) {
        await this.removeRouter(id);
      }
    }
    for (const ns of [...this.orphans]) {
      await run(IP, ['netns', 'del', ns]).catch((err: unknown) => this.log.warn({ err, ns }, 'stale router namespace'));
      this.orphans.delete(ns);
    }
    await this.removeStaleRules(cfg.routers);
    await this.writeHostTables(cfg, [...bridges.keys()]);
    await this.pruneBridges(new Set(bridges.keys()));
    this.log.debug({ ports: cfg.ports.length, routers: cfg.routers.length, ms: Date.now() - t0 }, 'host network applied');
  }

  /**
   * What an earlier run of this agent left (it was stopped mid-change, or its guests went
   * while it was down): its router namespaces, the fwmark rules and routing tables of their
   * transit veths, its security group chains and its bridges are taken over, so the first
   * message removes whatever is no longer wanted (a bridge only once nothing is plugged in).
   */
  private async adopt(): Promise<void> {
    const read = (cmd: string, args: string[]) => run(cmd, args).catch(() => '');
    const [namespaces, filter, nat, mangle, links, rules] = await Promise.all([
      read(IP, ['netns', 'list']),
      read(IPTABLES_SAVE, ['-t', 'filter']),
      read(IPTABLES_SAVE, ['-t', 'nat']),
      read(IPTABLES_SAVE, ['-t', 'mangle']),
      read(IP, ['-o', 'link', 'show']),
      read(IP, ['rule', 'show']),
    ]);
    const ours = routerNamespacesIn(namespaces, this.tag);
    ours.forEach((ns) => this.orphans.add(ns));
    portChainsIn(filter, this.tag).forEach((chain) => this.portChains.add(chain));
    this.foundChains = [filter, nat, mangle].flatMap((save) => agentChainsIn(save, this.tag));
    bridgesIn(filter, links, this.tag).forEach((b) => this.bridges.add(b));
    const marks = new Set([...ours.map((ns) => transitOf(shortRouterIdOf(ns)).mark), ...marksIn(mangle, this.tag)]);
    for (const rule of fwmarkRulesIn(rules)) {
      if (marks.has(rule.mark) && rule.table === tableOfMark(rule.mark)) {
        this.staleRules.set(rule.mark, rule);
      }
    }
  }

  private readonly orphans = new Set<string>();
  /** Every TS-<tag>-* chain there was when adopted (for what clear() reports). */
  private foundChains: string[] = [];
  /** fwmark rules (by mark) of routers that went while no agent watched. */
  private readonly staleRules = new Map<number, FwmarkRule>();

  /**
   * Everything this agent made, gone (its guests have gone too), also what an earlier run
   * left: returns what there was. Bridges something is still plugged into stay.
   */
  async clear(): Promise<ClearedWiring> {
    await this.adoptOnce();
    const rules = [...this.staleRules.values(), ...[...this.routers].map((id) => transitOf(id))];
    const found = {
      namespaces: [...new Set([...this.orphans, ...[...this.routers].map((id) => routerNsOf(this.tag, id))])],
      rules: [...new Set(rules.map((r) => `fwmark 0x${r.mark.toString(16)} lookup ${r.table}`))],
      chains: [...new Set([...this.foundChains, ...this.portChains])],
      bridges: [...this.bridges],
    };
    await this.apply({ ports: [], routers: [] });
    return {
      ...found,
      bridges: found.bridges.filter((b) => !this.bridges.has(b)),
      busyBridges: [...this.bridges],
    };
  }

  private async adoptOnce(): Promise<void> {
    if (!this.adopted) {
      await this.adopt();
      this.adopted = true;
    }
  }

  /** Policy routes of routers that no longer exist (their namespaces went first). */
  private async removeStaleRules(routers: readonly networkV1.HostRouter[]): Promise<void> {
    const wanted = new Set(routers.map((r) => transitOf(r.routerId).mark));
    for (const [mark, rule] of [...this.staleRules]) {
      if (!wanted.has(mark)) {
        await removePolicyRoute(rule);
      }
      this.staleRules.delete(mark);
    }
  }

  private async ensureRouter(r: networkV1.HostRouter): Promise<void> {
    const ns = routerNsOf(this.tag, r.routerId);
    this.orphans.delete(ns);
    if (!existsSync(`/run/netns/${ns}`)) {
      await run(IP, ['netns', 'add', ns]);
      await run(IP, ['-n', ns, 'link', 'set', 'lo', 'up']);
      await sysctl('net.ipv4.ip_forward', '1', ns);
    }
    this.routers.add(r.routerId);
    const wanted = new Set<string>();
    for (const i of r.interfaces) {
      const devs = routerPortDevs(i.portId);
      wanted.add(devs.inner);
      if (!(await linkExists(devs.host))) {
        await run(IP, ['link', 'add', devs.host, 'mtu', String(i.mtu || 1500), 'type', 'veth', 'peer', 'name', devs.inner, 'netns', ns]);
      }
      await run(IP, ['link', 'set', devs.host, 'master', bridgeOf(i.networkId), 'up']);
      await run(IP, ['-n', ns, 'link', 'set', devs.inner, 'address', i.macAddress, 'mtu', String(i.mtu || 1500), 'up']);
      await run(IP, ['-n', ns, 'addr', 'replace', i.ipCidr, 'dev', devs.inner]);
    }
    const links = await run(IP, ['-n', ns, '-o', 'link', 'show']);
    for (const m of links.matchAll(/^\d+: (tsq[0-9a-f]+)[@:]/gm)) {
      if (m[1] && !wanted.has(m[1])) {
        await run(IP, ['-n', ns, 'link', 'del', m[1]]);
      }
    }
    await this.ensureTransit(r.routerId, ns);
    const rules = ['*nat', ':TS-FIP - [0:0]'];
    for (const f of r.floatingIps) {
      rules.push(`-A TS-FIP -d ${innerOf(f.floatingIp)}/32 -j DNAT --to-destination ${f.fixedIp}`);
    }
    rules.push('COMMIT', '');
    await iptablesRestore(rules.join('\n'), ns);
    if (!(await succeeds(IP, ['netns', 'exec', ns, IPTABLES, '-t', 'nat', '-C', 'PREROUTING', '-j', 'TS-FIP']))) {
      await inNetns(ns, IPTABLES, ['-t', 'nat', '-I', 'PREROUTING', '1', '-j', 'TS-FIP']);
    }
  }

  /** The veth to the router namespace, its /30, and the policy route marked traffic takes. */
  private async ensureTransit(routerId: string, ns: string): Promise<void> {
    const devs = transitDevs(routerId);
    const t = transitOf(routerId);
    if (!(await linkExists(devs.host))) {
      await run(IP, ['link', 'add', devs.host, 'type', 'veth', 'peer', 'name', devs.inner, 'netns', ns]);
      await run(IP, ['addr', 'replace', `${t.hostIp}/30`, 'dev', devs.host]);
      // loopback floating IPs leave the host by this veth: the kernel refuses 127/8 on it otherwise
      await sysctl(`net.ipv4.conf.${devs.host}.route_localnet`, '1');
      await sysctl(`net.ipv4.conf.${devs.host}.rp_filter`, '0');
      await run(IP, ['link', 'set', devs.host, 'up']);
      await run(IP, ['-n', ns, 'addr', 'replace', `${t.innerIp}/30`, 'dev', devs.inner]);
      await run(IP, ['-n', ns, 'link', 'set', devs.inner, 'up']);
    }
    await run(IP, ['route', 'replace', 'default', 'via', t.innerIp, 'dev', devs.host, 'table', String(t.table)]);
    const rules = await run(IP, ['rule', 'show']);
    if (!rules.includes(`fwmark 0x${t.mark.toString(16)} lookup ${t.table}`)) {
      await run(IP, ['rule', 'add', 'fwmark', `0x${t.mark.toString(16)}`, 'lookup', String(t.table), 'pref', '100']);
    }
  }

  private async removeRouter(routerId: string): Promise<void> {
    await run(IP, ['netns', 'del', routerNsOf(this.tag, routerId)]).catch((err: unknown) => this.log.warn({ err }, 'router namespace'));
    await removePolicyRoute(transitOf(routerId));
    this.routers.delete(routerId);
  }

  /** filter (security groups), nat and mangle (floating IPs) of this agent, each swapped in whole. */
  private async writeHostTables(cfg: networkV1.WatchHostNetworkResponse, bridges: string[]): Promise<void> {
    const c = this.chains;
    if (cfg.ports.length === 0 && cfg.routers.length === 0) {
      await this.removeHostTables();
      return;
    }
    const nat = ['*nat', `:${c.dnat} - [0:0]`, `:${c.snat} - [0:0]`];
    const mangle = ['*mangle', `:${c.mark} - [0:0]`];
    for (const r of cfg.routers) {
      const t = transitOf(r.routerId);
      nat.push(`-A ${c.snat} -o ${transitDevs(r.routerId).host} -j SNAT --to-source ${t.hostIp}`);
      for (const f of r.floatingIps) {
        nat.push(`-A ${c.dnat} -d ${f.floatingIp}/32 -j DNAT --to-destination ${innerOf(f.floatingIp)}`);
        mangle.push(`-A ${c.mark} -d ${f.floatingIp}/32 -j MARK --set-xmark 0x${t.mark.toString(16)}/0xffffffff`);
      }
    }
    nat.push('COMMIT');
    mangle.push('COMMIT');
    await iptablesRestore(`${filterTable(c, cfg.ports, bridges)}${nat.join('\n')}\n${mangle.join('\n')}\n`);
    await this.ensureJump('filter', 'FORWARD', c.forward);
    await this.ensureJump('nat', 'OUTPUT', c.dnat);
    await this.ensureJump('nat', 'POSTROUTING', c.snat);
    await this.ensureJump('mangle', 'OUTPUT', c.mark);
    const wanted = new Set(cfg.ports.filter((p) => p.portSecurity).flatMap((p) => [c.portIn(p.portId), c.portOut(p.portId)]));
    for (const chain of [...this.portChains]) {
      if (!wanted.has(chain)) {
        await run(IPTABLES, ['-F', chain]).catch(() => undefined);
        await run(IPTABLES, ['-X', chain]).catch((err: unknown) => this.log.warn({ err, chain }, 'stale chain'));
        this.portChains.delete(chain);
      }
    }
    wanted.forEach((ch) => this.portChains.add(ch));
  }

  /** Nothing to wire: this agent's jumps and chains go, so the host's tables carry nothing of it. */
  private async removeHostTables(): Promise<void> {
    const c = this.chains;
    const jumps: Array<[string, string, string]> = [
      ['filter', 'FORWARD', c.forward],
      ['nat', 'OUTPUT', c.dnat],
      ['nat', 'POSTROUTING', c.snat],
      ['mangle', 'OUTPUT', c.mark],
    ];
    for (const [table, chain, target] of jumps) {
      while (await succeeds(IPTABLES, ['-t', table, '-D', chain, '-j', target])) {
        // a jump added twice (a crash between check and insert) goes too
      }
      await succeeds(IPTABLES, ['-t', table, '-F', target]);
      await succeeds(IPTABLES, ['-t', table, '-X', target]);
    }
    for (const chain of [...this.portChains]) {
      await succeeds(IPTABLES, ['-F', chain]);
      await succeeds(IPTABLES, ['-X', chain]);
      this.portChains.delete(chain);
    }
  }

  private async ensureJump(table: string, chain: string, target: string): Promise<void> {
    if (!(await succeeds(IPTABLES, ['-t', table, '-C', chain, '-j', target]))) {
      await run(IPTABLES, ['-t', table, '-I', chain, '1', '-j', target]);
    }
  }

  /** Bridges this agent made that no network needs any more, once nothing is plugged in. */
  private async pruneBridges(wanted: Set<string>): Promise<void> {
    for (const b of [...this.bridges]) {
      if (wanted.has(b)) {
        continue;
      }
      if (!(await linkExists(b))) {
        this.bridges.delete(b); // gone already
        continue;
      }
      const ports = await run(IP, ['-o', 'link', 'show', 'master', b]).catch(() => 'busy');
      if (ports.trim() === '') {
        await run(IP, ['link', 'del', b]).catch(() => undefined);
        this.bridges.delete(b);
      }
    }
  }
}
