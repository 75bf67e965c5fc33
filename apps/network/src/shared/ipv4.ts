/**
 * IPv4 arithmetic for the IPAM: addresses as unsigned 32-bit numbers, CIDRs parsed strictly.
 * Pure functions (small tests in ipv4.test.ts).
 */

export interface Cidr {
  /** Network address (host bits zero). */
  readonly network: number;
  readonly prefix: number;
}

export interface IpRange {
  readonly start: number;
  readonly end: number;
}

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** `a.b.c.d` to a number, or undefined when it is not a dotted-quad IPv4 address. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p))) {
    return undefined;
  }
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

export function formatIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** `a.b.c.d/p`; undefined unless the address is IPv4 and the prefix 0–32. Host bits are cleared. */
export function parseCidr(text: string): Cidr | undefined {
  const m = /^([^/]+)\/(\d{1,2})$/.exec(text.trim());
  if (!m) {
    return undefined;
  }
  const addr = parseIpv4(m[1] ?? '');
  const prefix = Number(m[2]);
  if (addr === undefined || prefix > 32) {
    return undefined;
  }
  return { network: (addr & maskOf(prefix)) >>> 0, prefix };
}

export function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export function formatCidr(c: Cidr): string {
  return `${formatIpv4(c.network)}/${c.prefix}`;
}

export function broadcastOf(c: Cidr): number {
  return (c.network | (~maskOf(c.prefix) >>> 0)) >>> 0;
}

export function contains(c: Cidr, addr: number): boolean {
  return ((addr & maskOf(c.prefix)) >>> 0) === c.network;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return contains(a, b.network) || contains(b, a.network);
}

/** Dotted netmask of a prefix, as network_data.json carries it. */
export function netmaskOf(prefix: number): string {
  return formatIpv4(maskOf(prefix));
}

/**
 * Neutron's defaults for a subnet without explicit pools: the gateway is the first host
 * address, the pool every host address after it (or all hosts when there is no gateway).
 * /31 and /32 have no network or broadcast address.
 */
export function usableRange(c: Cidr): IpRange {
  if (c.prefix >= 31) {
    return { start: c.network, end: broadcastOf(c) };
  }
  return { start: c.network + 1, end: broadcastOf(c) - 1 };
}

export function defaultPools(c: Cidr, gateway: number | undefined): IpRange[] {
  const { start, end } = usableRange(c);
  if (gateway === undefined || gateway < start || gateway > end) {
    return [{ start, end }];
  }
  const pools: IpRange[] = [];
  if (gateway > start) {
    pools.push({ start, end: gateway - 1 });
  }
  if (gateway < end) {
    pools.push({ start: gateway + 1, end });
  }
  return pools;
}
