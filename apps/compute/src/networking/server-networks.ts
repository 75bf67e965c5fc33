import { badRequest, conflict, DomainError, forbidden } from '@tinystack/errors';
import type { NovaAddress } from '../servers/addresses.js';
import type { NetworkAddress, ServerPort } from './network.port.js';

/** Nova's `addresses` (fixed IPs by network name) of freshly allocated ports, as the servers table keeps it. */
export function addressesOfPorts(ports: readonly ServerPort[]): string {
  return addressesJsonOf(
    ports.flatMap((p) => p.addresses.map((a) => ({ networkName: p.networkName, addr: a.ipAddress, version: 4, macAddr: p.macAddress, type: 'fixed' as const }))),
  );
}

/** The network service's addresses of one server as the servers table keeps them. */
export function addressesJsonOf(list: readonly NetworkAddress[]): string {
  const out: Record<string, NovaAddress[]> = {};
  for (const a of list) {
    (out[a.networkName] ??= []).push({
      version: a.version,
      addr: a.addr,
      'OS-EXT-IPS:type': a.type,
      'OS-EXT-IPS-MAC:mac_addr': a.macAddr,
    });
  }
  return JSON.stringify(out);
}

/**
 * A network service error as Nova answers server create: what the user asked for that does
 * not exist or cannot be had is a 400, a port already in use a 409, a port quota a 403.
 */
export function novaErrorOfNetwork(err: unknown): unknown {
  if (!(err instanceof DomainError)) {
    return err;
  }
  if (err.kind === 'not_found' || err.kind === 'bad_request') {
    return badRequest(err.message);
  }
  if (err.kind === 'forbidden') {
    return forbidden(err.message);
  }
  if (err.kind === 'conflict') {
    if (/Quota exceeded/.test(err.message)) {
      return forbidden(`Maximum number of ports exceeded: ${err.message}`);
    }
    return /in use/i.test(err.message) && !/already allocated/.test(err.message) ? conflict(err.message) : badRequest(err.message);
  }
  return err;
}
