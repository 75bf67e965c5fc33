import type { networkV1 } from '@tinystack/contracts';
import { shortId, tapOf } from './names.js';

/** iptables chain names of one agent: a tag from its host name keeps agents on one machine apart. */
export interface Chains {
  readonly forward: string;
  readonly dnat: string;
  readonly snat: string;
  readonly mark: string;
  portIn(portId: string): string;
  portOut(portId: string): string;
}

export function chainsOf(tag: string): Chains {
  return {
    forward: `TS-${tag}-FWD`,
    dnat: `TS-${tag}-DNAT`,
    snat: `TS-${tag}-SNAT`,
    mark: `TS-${tag}-MARK`,
    portIn: (id) => `TS-${tag}-I-${shortId(id)}`,
    portOut: (id) => `TS-${tag}-O-${shortId(id)}`,
  };
}

/** The match of one security group rule, towards (`-s`, ingress) or from (`-d`, egress) the remote side. */
function matchesOf(rule: networkV1.FirewallRule): string[][] {
  const proto = rule.protocol;
  const base: string[] = [];
  if (proto !== '') {
    base.push('-p', proto === 'ipv6_icmp' || proto === 'icmpv6' ? '58' : proto);
    const ported = ['tcp', 'udp', 'sctp', '6', '17', '132'].includes(proto);
    if (ported && (rule.portRangeMin > 0 || rule.portRangeMax > 0)) {
      const lo = rule.portRangeMin || rule.portRangeMax;
      const hi = rule.portRangeMax || lo;
      const matchModule = ['udp', '17'].includes(proto) ? 'udp' : ['sctp', '132'].includes(proto) ? 'sctp' : 'tcp';
      base.push('-m', matchModule);
      base.push('--dport', lo === hi ? String(lo) : `${lo}:${hi}`);
    }
    if ((proto === 'icmp' || proto === '1') && rule.portRangeMin > 0) {
      base.push('--icmp-type', rule.portRangeMax > 0 ? `${rule.portRangeMin}/${rule.portRangeMax}` : String(rule.portRangeMin));
    }
  }
  const side = rule.direction === 'ingress' ? '-s' : '-d';
  if (rule.remoteCidrs.length === 0) {
    // a remote group with no members allows nothing; no remote at all allows everyone
    return rule.remoteGroup ? [] : [base];
  }
  return rule.remoteCidrs.map((cidr) => [...base, side, cidr]);
}

/**
 * The filter table of one agent: each guest port's security groups, enforced on the frames
 * the host bridges to and from its tap (br_netfilter), stateful through conntrack. A frame
 * passes the sender's egress chain and the receiver's ingress chain; what passes both, on
 * this agent's bridges, is accepted (Docker's FORWARD policy would drop it otherwise).
 */
export function filterTable(c: Chains, ports: readonly networkV1.HostPort[], bridges: readonly string[]): string {
  const lines = ['*filter', `:${c.forward} - [0:0]`];
  const guarded = ports.filter((p) => p.portSecurity);
  for (const p of guarded) {
    lines.push(`:${c.portIn(p.portId)} - [0:0]`, `:${c.portOut(p.portId)} - [0:0]`);
  }
  for (const p of guarded) {
    const tap = tapOf(p.portId);
    lines.push(`-A ${c.forward} -m physdev --physdev-in ${tap} --physdev-is-bridged -j ${c.portOut(p.portId)}`);
    lines.push(`-A ${c.forward} -m physdev --physdev-out ${tap} --physdev-is-bridged -j ${c.portIn(p.portId)}`);
  }
  for (const b of bridges) {
    lines.push(`-A ${c.forward} -o ${b} -m physdev --physdev-is-bridged -j ACCEPT`);
  }
  for (const p of guarded) {
    for (const [direction, chain] of [
      ['egress', c.portOut(p.portId)],
      ['ingress', c.portIn(p.portId)],
    ] as const) {
      lines.push(`-A ${chain} -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN`);
      lines.push(`-A ${chain} -m conntrack --ctstate INVALID -j DROP`);
      if (direction === 'egress' && p.ipAddresses.length === 1) {
        // a guest sends only from its own address (IP spoofing is dropped)
        lines.push(`-A ${chain} ! -s ${p.ipAddresses[0] ?? ''}/32 -j DROP`);
      }
      for (const rule of p.rules.filter((r) => r.direction === direction)) {
        for (const m of matchesOf(rule)) {
          lines.push(`-A ${chain} ${m.join(' ')} -j RETURN`);
        }
      }
      lines.push(`-A ${chain} -j DROP`);
    }
  }
  lines.push('COMMIT', '');
  return `${lines.join('\n')}\n`;
}
