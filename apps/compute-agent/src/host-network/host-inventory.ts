/**
 * Reading back what one agent left on the host, from the output of `ip netns list`,
 * `iptables-save`, `ip -o link show` and `ip rule show`: everything is matched by this
 * agent's tag (or, for bridges and policy routes, by what its tagged objects point at), so
 * another agent's namespaces, chains, bridges and rules on the same machine never match.
 */

/** The fwmark policy route of one router's transit veth: `fwmark <mark> lookup <table>`. */
export interface FwmarkRule {
  readonly mark: number;
  readonly table: number;
}

/** `tsr-<tag>-*` from `ip netns list` (lines like `tsr-d4b8a2-e8153ca3f20 (id: 1)`). */
export function routerNamespacesIn(netnsList: string, tag: string): string[] {
  const prefix = `tsr-${tag}-`;
  return [...netnsList.matchAll(/^(\S+)/gm)].map((m) => m[1] ?? '').filter((n) => n.startsWith(prefix));
}

/** The router id prefix a namespace is named after (`tsr-<tag>-<11 hex digits>`). */
export function shortRouterIdOf(namespace: string): string {
  return namespace.split('-').pop() ?? '';
}

/** The security group chains `TS-<tag>-I-*` / `TS-<tag>-O-*` declared in `iptables-save -t filter`. */
export function portChainsIn(filterSave: string, tag: string): string[] {
  const re = new RegExp(`^:(TS-${tag}-[IO]-[0-9a-f]+) `, 'gm');
  return [...filterSave.matchAll(re)].map((m) => m[1] ?? '');
}

/** The marks this agent's `TS-<tag>-MARK` chain sets, from `iptables-save -t mangle`. */
export function marksIn(mangleSave: string, tag: string): number[] {
  const re = new RegExp(`^-A TS-${tag}-MARK .*-j MARK --set-xmark (0x[0-9a-f]+)`, 'gm');
  return [...mangleSave.matchAll(re)].map((m) => parseInt(m[1] ?? '0', 16));
}

/** Every `fwmark <mark> lookup <table>` rule of `ip rule show`. */
export function fwmarkRulesIn(ipRules: string): FwmarkRule[] {
  return [...ipRules.matchAll(/fwmark (0x[0-9a-f]+)(?:\/0x[0-9a-f]+)? lookup (\d+)/gm)].map((m) => ({
    mark: parseInt(m[1] ?? '0', 16),
    table: Number(m[2]),
  }));
}

/**
 * This agent's tenant bridges: those its forward chain accepts bridged traffic on
 * (`-A TS-<tag>-FWD -o tsn-...`, from `iptables-save -t filter`), and those a veth of one of
 * its router namespaces is plugged into (`... master tsn-... link-netns tsr-<tag>-...`,
 * from `ip -o link show`).
 */
export function bridgesIn(filterSave: string, links: string, tag: string): string[] {
  const found = new Set<string>();
  const fwd = new RegExp(`^-A TS-${tag}-FWD -o (tsn-[0-9a-f]+) `, 'gm');
  for (const m of filterSave.matchAll(fwd)) {
    found.add(m[1] ?? '');
  }
  for (const line of links.split('\n')) {
    const master = /\smaster (tsn-[0-9a-f]+)\s/.exec(line);
    if (master?.[1] && line.includes(` link-netns tsr-${tag}-`)) {
      found.add(master[1]);
    }
  }
  return [...found];
}

/** Every chain `TS-<tag>-*` declared in one table's `iptables-save`. */
export function agentChainsIn(save: string, tag: string): string[] {
  const re = new RegExp(`^:(TS-${tag}-[A-Za-z0-9-]+) `, 'gm');
  return [...save.matchAll(re)].map((m) => m[1] ?? '');
}
