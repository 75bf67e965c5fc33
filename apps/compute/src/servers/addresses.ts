import type { GuestAddress } from '../agents/agent.port.js';

/** Nova's `addresses` entry. */
export interface NovaAddress {
  readonly version: number;
  readonly addr: string;
  readonly 'OS-EXT-IPS:type': 'fixed' | 'floating';
  readonly 'OS-EXT-IPS-MAC:mac_addr': string;
}

/** Agent-reported addresses as Nova's `addresses` object, serialized for the servers table. */
export function addressesJson(addresses: readonly GuestAddress[]): string {
  const out: Record<string, NovaAddress[]> = {};
  for (const a of addresses) {
    (out[a.network] ??= []).push({
      version: a.version,
      addr: a.addr,
      'OS-EXT-IPS:type': 'fixed',
      'OS-EXT-IPS-MAC:mac_addr': a.macAddr,
    });
  }
  return JSON.stringify(out);
}

export function parseAddresses(json: string): Record<string, NovaAddress[]> {
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, NovaAddress[]>) : {};
  } catch {
    return {};
  }
}
