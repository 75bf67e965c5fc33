import { z } from 'zod';
import type { Tone } from './status.ts';

/** A network or floating IP id as the network service makes them. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The launch dialog's network choice, as compute's CreateServer takes it. */
export const NETWORK_AUTO = 'auto';
export const NETWORK_NONE = 'none';

export const NetworkChoiceSchema = z
  .string()
  .trim()
  .default(NETWORK_AUTO)
  .transform((s) => s || NETWORK_AUTO)
  .refine(
    (s) => s === NETWORK_AUTO || s === NETWORK_NONE || UUID.test(s),
    'Choose automatic, none or one of the networks listed.',
  );

export const AllocateFloatingIpSchema = z.object({
  networkId: z
    .string()
    .trim()
    .default('')
    .refine((s) => s === '' || UUID.test(s), 'Choose one of the external networks listed.'),
});

export const AssociateFloatingIpSchema = z.object({
  id: z.string().regex(UUID, 'Choose a floating IP.'),
  portId: z.string().regex(UUID, 'Choose the instance (port) to forward it to.'),
});

export const FloatingIpRefSchema = z.object({
  id: z.string().regex(UUID),
  address: z.string().max(64).default(''),
});

/** The colour of a network, port or floating IP status (ACTIVE, DOWN, BUILD, ERROR). */
export function networkTone(status: string): Tone {
  switch (status.toUpperCase()) {
    case 'ACTIVE':
      return 'ok';
    case 'DOWN':
      return 'off';
    case 'ERROR':
      return 'bad';
    case 'BUILD':
      return 'busy';
    default:
      return 'neutral';
  }
}

export interface ChoiceOption {
  readonly value: string;
  readonly label: string;
}

/**
 * What the launch dialog offers: get-me-a-network first (the default), no network, then
 * each network of the project or shared with it (not the external ones: they hold floating
 * IPs; nor, for an admin, other projects' own).
 */
export function launchNetworkOptions(
  networks: ReadonlyArray<{
    id: string;
    name: string;
    projectId: string;
    external: boolean;
    shared: boolean;
  }>,
  projectId: string | undefined,
): ChoiceOption[] {
  return [
    { value: NETWORK_AUTO, label: 'Automatic (get-me-a-network)' },
    { value: NETWORK_NONE, label: 'None (no network interface)' },
    ...networks
      .filter((n) => !n.external && (n.shared || n.projectId === projectId))
      .map((n) => ({ value: n.id, label: `${n.name || n.id}${n.shared ? ' (shared)' : ''}` })),
  ];
}

/**
 * The ports a floating IP can forward to: those of the project's instances, labelled by
 * the instance's name and fixed address ("web — 10.0.0.3 on private").
 */
export function instancePortOptions(
  ports: ReadonlyArray<{
    id: string;
    networkName: string;
    deviceId: string;
    deviceOwner: string;
    fixedIps: readonly string[];
  }>,
  serverNames: ReadonlyMap<string, string>,
): ChoiceOption[] {
  return ports
    .filter((p) => p.deviceOwner.startsWith('compute:') && p.fixedIps.length > 0)
    .map((p) => {
      const server = serverNames.get(p.deviceId) || p.deviceId.slice(0, 8);
      const on = p.networkName ? ` on ${p.networkName}` : '';
      return { value: p.id, label: `${server} — ${p.fixedIps.join(', ')}${on}` };
    })
    .sort((a, b) => a.label.localeCompare(b.label));
}

/**
 * A server's addresses in one line, by network ("private: 10.0.0.3, 172.24.4.9
 * (floating)"); `floating` holds the floating IPs that forward to it.
 */
export function addressesText(
  addresses: ReadonlyArray<{ network: string; addr: string }>,
  floating: ReadonlySet<string> = new Set(),
): string {
  const byNetwork = new Map<string, string[]>();
  for (const a of addresses) {
    const list = byNetwork.get(a.network) ?? [];
    list.push(floating.has(a.addr) ? `${a.addr} (floating)` : a.addr);
    byNetwork.set(a.network, list);
  }
  return [...byNetwork].map(([net, list]) => `${net}: ${list.join(', ')}`).join('; ');
}
