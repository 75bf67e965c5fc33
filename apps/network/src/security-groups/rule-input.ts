import { formatCidr, parseCidr } from '../shared/ipv4.js';
import { invalidInput, neutronError } from '../shared/neutron.errors.js';
import type { CreateRuleBody } from './security-groups.api.js';

/** Protocol names Neutron accepts, with their IP protocol numbers. */
const PROTOCOLS: Readonly<Record<string, number>> = { tcp: 6, udp: 17, icmp: 1, sctp: 132, gre: 47, esp: 50, ah: 51, icmpv6: 58, ipv6_icmp: 58 };

/** A rule's match, normalised and checked (Neutron's securitygroups_db validation). */
export interface RuleMatch {
  readonly direction: string;
  readonly ethertype: string;
  readonly protocol: string | null;
  readonly portRangeMin: number | null;
  readonly portRangeMax: number | null;
  readonly remoteIpPrefix: string | null;
  readonly remoteGroupId: string | null;
}

export function ruleMatchOf(body: CreateRuleBody): RuleMatch {
  const ethertype = body.ethertype ?? 'IPv4';
  let protocol = body.protocol === undefined || body.protocol === null || body.protocol === '' || body.protocol === 'any' ? null : body.protocol.toLowerCase();
  if (protocol !== null && !(protocol in PROTOCOLS)) {
    const n = Number(protocol);
    if (!/^\d+$/.test(protocol) || n > 255) {
      throw neutronError('bad_request', 'SecurityGroupRuleInvalidProtocol', `Security group rule protocol ${protocol} not supported. Only protocol values [${Object.keys(PROTOCOLS).join(', ')}] and integer representations [0 to 255] are supported.`);
    }
    protocol = String(n);
  }
  const min = body.port_range_min ?? null;
  const max = body.port_range_max ?? null;
  const isPorted = protocol === 'tcp' || protocol === 'udp' || protocol === 'sctp' || protocol === '6' || protocol === '17' || protocol === '132';
  const isIcmp = protocol === 'icmp' || protocol === '1' || protocol === 'icmpv6' || protocol === 'ipv6_icmp' || protocol === '58';
  if ((min !== null || max !== null) && !isPorted && !isIcmp) {
    throw invalidInput('Must also specify protocol if port range is given.');
  }
  if (isPorted && (min !== null || max !== null)) {
    const lo = min ?? max ?? 0;
    const hi = max ?? min ?? 0;
    if (lo < 1 || hi > 65535 || lo > hi) {
      throw neutronError('bad_request', 'SecurityGroupInvalidPortRange', 'For TCP/UDP protocols, port_range_min must be <= port_range_max');
    }
  }
  if (isIcmp && ((min !== null && (min < 0 || min > 255)) || (max !== null && (max < 0 || max > 255)))) {
    throw neutronError('bad_request', 'SecurityGroupInvalidIcmpValue', `Invalid value for ICMP type or code: values must be 0-255.`);
  }
  if (body.remote_ip_prefix && body.remote_group_id) {
    throw neutronError('bad_request', 'SecurityGroupRemoteGroupAndRemoteIpPrefix', 'Only remote_ip_prefix or remote_group_id may be provided.');
  }
  let remoteIpPrefix: string | null = null;
  if (body.remote_ip_prefix) {
    if (ethertype === 'IPv6') {
      throw invalidInput('tinystack supports IPv4 rules with a remote_ip_prefix only.');
    }
    const text = body.remote_ip_prefix.includes('/') ? body.remote_ip_prefix : `${body.remote_ip_prefix}/32`;
    const c = parseCidr(text);
    if (!c) {
      throw invalidInput(`'${body.remote_ip_prefix}' is not a valid IP prefix for remote_ip_prefix.`);
    }
    remoteIpPrefix = formatCidr(c);
  }
  return {
    direction: body.direction,
    ethertype,
    protocol,
    portRangeMin: min,
    portRangeMax: isPorted && min !== null && max === null ? min : max,
    remoteIpPrefix,
    remoteGroupId: body.remote_group_id ?? null,
  };
}

/** Two rules match the same traffic (Neutron refuses the second as a duplicate). */
export function sameMatch(a: RuleMatch, b: RuleMatch): boolean {
  return (
    a.direction === b.direction &&
    a.ethertype === b.ethertype &&
    a.protocol === b.protocol &&
    a.portRangeMin === b.portRangeMin &&
    a.portRangeMax === b.portRangeMax &&
    a.remoteIpPrefix === b.remoteIpPrefix &&
    a.remoteGroupId === b.remoteGroupId
  );
}
