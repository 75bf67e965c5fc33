import { createHash } from 'node:crypto';

/**
 * Host device names for the network service's objects. Linux allows 15 characters; ids are
 * UUIDs, so each name is a short prefix plus the first 11 hex digits of the id (Nova and
 * Neutron name taps the same way: tap + a port id prefix).
 */
/** The first 11 hex digits of a UUID. */
export const shortId = (id: string): string => id.replace(/-/g, '').slice(0, 11);
const short = shortId;

/** The Linux bridge of a tenant network on this host. */
export const bridgeOf = (networkId: string): string => `tsn-${short(networkId)}`;

/** A guest port's tap device. */
export const tapOf = (portId: string): string => `tap${short(portId)}`;

/** A router's namespace on this host, tagged with the agent that made it (namespace names may be long). */
export const routerNsOf = (tag: string, routerId: string): string => `tsr-${tag}-${short(routerId)}`;

/** A router interface's veth: `host` on the tenant bridge, `inner` in the router namespace. */
export const routerPortDevs = (portId: string) => ({ host: `tsb${short(portId)}`, inner: `tsq${short(portId)}` });

/** The veth between the host and a router namespace, which floating IP traffic takes. */
export const transitDevs = (routerId: string) => ({ host: `tsh${short(routerId)}`, inner: `tsg${short(routerId)}` });

/** The tag in this agent's namespace and chain names: agents sharing a machine leave each other alone. */
export const agentTagOf = (hostName: string): string => createHash('sha256').update(hostName).digest('hex').slice(0, 6);
