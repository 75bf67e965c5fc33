import type { agentV1 } from '@tinystack/contracts';
import { tapOf } from './names.js';

/** Dotted netmask of a CIDR's prefix length. */
export function netmaskOfCidr(cidr: string): string {
  const prefix = Number(cidr.split('/')[1] ?? 32);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return [mask >>> 24, (mask >>> 16) & 255, (mask >>> 8) & 255, mask & 255].join('.');
}

/**
 * The config drive's network_data.json (OpenStack's format, read by cloud-init and the
 * test guests): one link per port by MAC, its IPv4 addresses as static networks, the
 * default route through the first port's gateway, and the subnets' DNS servers.
 */
export function networkDataOf(ports: readonly agentV1.NetworkPort[]): Record<string, unknown> {
  let defaultRoute = false;
  const dns = new Set<string>();
  const networks = ports.flatMap((p, i) =>
    p.addresses.map((a, j) => {
      a.dnsNameservers.forEach((d) => dns.add(d));
      const routes =
        a.gatewayIp && !defaultRoute ? [{ network: '0.0.0.0', netmask: '0.0.0.0', gateway: a.gatewayIp }] : [];
      defaultRoute ||= routes.length > 0;
      return {
        id: `network${i}${j > 0 ? `-${j}` : ''}`,
        type: 'ipv4',
        link: tapOf(p.portId),
        ip_address: a.ipAddress,
        netmask: netmaskOfCidr(a.cidr),
        routes,
        network_id: p.networkId,
        services: a.dnsNameservers.map((address) => ({ type: 'dns', address })),
      };
    }),
  );
  return {
    links: ports.map((p) => ({
      id: tapOf(p.portId),
      vif_id: p.portId,
      type: 'bridge',
      ethernet_mac_address: p.macAddress,
      mtu: p.mtu || 1500,
    })),
    networks,
    services: [...dns].map((address) => ({ type: 'dns', address })),
  };
}
