import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { jsonColumn, msColumn } from './shared/column.js';

/** Columns every Neutron resource has (standard-attr: description, timestamps, revision). */
abstract class StandardAttrs {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'project_id', type: 'varchar', length: 64 })
  projectId!: string;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ type: 'varchar', length: 255 })
  description!: string;

  @Column(msColumn('created_at'))
  createdAt!: number;

  @Column(msColumn('updated_at'))
  updatedAt!: number;

  @Column({ name: 'revision_number', type: 'integer' })
  revision!: number;
}

@Entity({ name: 'networks' })
export class NetworkEntity extends StandardAttrs {
  @Column({ name: 'admin_state_up', type: 'boolean' })
  adminStateUp!: boolean;

  @Column({ type: 'boolean' })
  shared!: boolean;

  /** router:external */
  @Column({ type: 'boolean' })
  external!: boolean;

  /** is_default: the external network get-me-a-network and floating IPs use by default. */
  @Column({ name: 'is_default', type: 'boolean' })
  isDefault!: boolean;

  @Column({ type: 'integer' })
  mtu!: number;

  @Column({ name: 'port_security_enabled', type: 'boolean' })
  portSecurity!: boolean;
}

@Entity({ name: 'subnets' })
@Index('ix_subnets_network', ['networkId'])
export class SubnetEntity extends StandardAttrs {
  @Column({ name: 'network_id', type: 'varchar', length: 36 })
  networkId!: string;

  @Column({ name: 'ip_version', type: 'integer' })
  ipVersion!: number;

  @Column({ type: 'varchar', length: 64 })
  cidr!: string;

  @Column({ name: 'gateway_ip', type: 'varchar', length: 64, nullable: true })
  gatewayIp!: string | null;

  /** [{start, end}] */
  @Column(jsonColumn('allocation_pools'))
  allocationPools!: Array<{ start: string; end: string }>;

  @Column(jsonColumn('dns_nameservers'))
  dnsNameservers!: string[];

  /** [{destination, nexthop}] */
  @Column(jsonColumn('host_routes'))
  hostRoutes!: Array<{ destination: string; nexthop: string }>;

  @Column({ name: 'enable_dhcp', type: 'boolean' })
  enableDhcp!: boolean;
}

@Entity({ name: 'ports' })
@Index('ix_ports_network', ['networkId'])
@Index('ix_ports_device', ['deviceId'])
@Index('uq_ports_network_mac', ['networkId', 'macAddress'], { unique: true })
export class PortEntity extends StandardAttrs {
  @Column({ name: 'network_id', type: 'varchar', length: 36 })
  networkId!: string;

  @Column({ name: 'mac_address', type: 'varchar', length: 17 })
  macAddress!: string;

  @Column({ name: 'admin_state_up', type: 'boolean' })
  adminStateUp!: boolean;

  /** ACTIVE once bound to a host and plugged, DOWN otherwise. */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ name: 'device_id', type: 'varchar', length: 255 })
  deviceId!: string;

  @Column({ name: 'device_owner', type: 'varchar', length: 255 })
  deviceOwner!: string;

  /** binding:host_id */
  @Column({ name: 'host_id', type: 'varchar', length: 255 })
  hostId!: string;

  @Column({ name: 'port_security_enabled', type: 'boolean' })
  portSecurity!: boolean;

  /** Security group ids, in the order given. */
  @Column(jsonColumn('security_groups'))
  securityGroups!: string[];

  /** Made by compute for its server (deleted with it); false for a port the user made and handed over. */
  @Column({ name: 'created_for_device', type: 'boolean' })
  createdForDevice!: boolean;
}

/** One fixed IP of a port; the primary key makes an address unique in its subnet. */
@Entity({ name: 'ip_allocations' })
@Index('ix_ip_allocations_port', ['portId'])
export class IpAllocationEntity {
  @PrimaryColumn({ name: 'subnet_id', type: 'varchar', length: 36 })
  subnetId!: string;

  @PrimaryColumn({ name: 'ip_address', type: 'varchar', length: 64 })
  ipAddress!: string;

  @Column({ name: 'port_id', type: 'varchar', length: 36 })
  portId!: string;

  @Column({ name: 'network_id', type: 'varchar', length: 36 })
  networkId!: string;
}

@Entity({ name: 'security_groups' })
@Index('ix_security_groups_project', ['projectId'])
export class SecurityGroupEntity extends StandardAttrs {
  @Column({ type: 'boolean' })
  stateful!: boolean;
}

/** The one `default` group of each project (Neutron's default_security_group table). */
@Entity({ name: 'default_security_groups' })
export class DefaultSecurityGroupEntity {
  @PrimaryColumn({ name: 'project_id', type: 'varchar', length: 64 })
  projectId!: string;

  @Column({ name: 'security_group_id', type: 'varchar', length: 36 })
  securityGroupId!: string;
}

@Entity({ name: 'security_group_rules' })
@Index('ix_security_group_rules_group', ['securityGroupId'])
export class SecurityGroupRuleEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'project_id', type: 'varchar', length: 64 })
  projectId!: string;

  @Column({ name: 'security_group_id', type: 'varchar', length: 36 })
  securityGroupId!: string;

  /** ingress | egress */
  @Column({ type: 'varchar', length: 16 })
  direction!: string;

  /** IPv4 | IPv6 */
  @Column({ type: 'varchar', length: 16 })
  ethertype!: string;

  /** A protocol name or number; null = any. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  protocol!: string | null;

  @Column({ name: 'port_range_min', type: 'integer', nullable: true })
  portRangeMin!: number | null;

  @Column({ name: 'port_range_max', type: 'integer', nullable: true })
  portRangeMax!: number | null;

  @Column({ name: 'remote_ip_prefix', type: 'varchar', length: 64, nullable: true })
  remoteIpPrefix!: string | null;

  @Column({ name: 'remote_group_id', type: 'varchar', length: 36, nullable: true })
  remoteGroupId!: string | null;

  @Column({ type: 'varchar', length: 255 })
  description!: string;

  @Column(msColumn('created_at'))
  createdAt!: number;

  @Column(msColumn('updated_at'))
  updatedAt!: number;

  @Column({ name: 'revision_number', type: 'integer' })
  revision!: number;
}

@Entity({ name: 'routers' })
export class RouterEntity extends StandardAttrs {
  @Column({ name: 'admin_state_up', type: 'boolean' })
  adminStateUp!: boolean;

  /** external_gateway_info.network_id; null = no gateway. */
  @Column({ name: 'gw_network_id', type: 'varchar', length: 36, nullable: true })
  gatewayNetworkId!: string | null;

  @Column({ name: 'enable_snat', type: 'boolean' })
  enableSnat!: boolean;
}

@Entity({ name: 'floating_ips' })
@Index('uq_floating_ips_address', ['floatingNetworkId', 'floatingIpAddress'], { unique: true })
export class FloatingIpEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'project_id', type: 'varchar', length: 64 })
  projectId!: string;

  @Column({ type: 'varchar', length: 255 })
  description!: string;

  @Column({ name: 'floating_network_id', type: 'varchar', length: 36 })
  floatingNetworkId!: string;

  @Column({ name: 'floating_ip_address', type: 'varchar', length: 64 })
  floatingIpAddress!: string;

  /** The network:floatingip port holding the address. */
  @Column({ name: 'floating_port_id', type: 'varchar', length: 36 })
  floatingPortId!: string;

  @Column({ name: 'port_id', type: 'varchar', length: 36, nullable: true })
  portId!: string | null;

  @Column({ name: 'fixed_ip_address', type: 'varchar', length: 64, nullable: true })
  fixedIpAddress!: string | null;

  @Column({ name: 'router_id', type: 'varchar', length: 36, nullable: true })
  routerId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column(msColumn('created_at'))
  createdAt!: number;

  @Column(msColumn('updated_at'))
  updatedAt!: number;

  @Column({ name: 'revision_number', type: 'integer' })
  revision!: number;
}

/** A project's quota override for one resource (defaults come from the configuration). */
@Entity({ name: 'quotas' })
export class QuotaEntity {
  @PrimaryColumn({ name: 'project_id', type: 'varchar', length: 64 })
  projectId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  resource!: string;

  @Column({ name: 'hard_limit', type: 'integer' })
  hardLimit!: number;
}

/** What get-me-a-network made for a project. */
@Entity({ name: 'auto_allocated_topologies' })
export class AutoAllocatedTopologyEntity {
  @PrimaryColumn({ name: 'project_id', type: 'varchar', length: 64 })
  projectId!: string;

  @Column({ name: 'network_id', type: 'varchar', length: 36 })
  networkId!: string;

  @Column({ name: 'router_id', type: 'varchar', length: 36 })
  routerId!: string;
}

/** Every entity of the network service's database. */
export const NETWORK_ENTITIES = [
  NetworkEntity,
  SubnetEntity,
  PortEntity,
  IpAllocationEntity,
  SecurityGroupEntity,
  DefaultSecurityGroupEntity,
  SecurityGroupRuleEntity,
  RouterEntity,
  FloatingIpEntity,
  QuotaEntity,
  AutoAllocatedTopologyEntity,
];
