import { SubnetEntity } from '../entities.js';
import { defaultPools, formatCidr, formatIpv4, type Cidr } from '../shared/ipv4.js';
import { newStandard } from '../shared/standard-attrs.js';

/**
 * An IPv4 subnet the service makes itself (the default external network's, get-me-a-network's):
 * the first host is the gateway, the rest the allocation pool, no DNS servers or routes.
 */
export function defaultSubnet(projectId: string, networkId: string, name: string, cidr: Cidr, enableDhcp: boolean): SubnetEntity {
  const gateway = cidr.network + 1;
  return Object.assign(new SubnetEntity(), {
    ...newStandard(projectId),
    name,
    networkId,
    ipVersion: 4,
    cidr: formatCidr(cidr),
    gatewayIp: formatIpv4(gateway),
    allocationPools: defaultPools(cidr, gateway).map((p) => ({ start: formatIpv4(p.start), end: formatIpv4(p.end) })),
    dnsNameservers: [],
    hostRoutes: [],
    enableDhcp,
  });
}
