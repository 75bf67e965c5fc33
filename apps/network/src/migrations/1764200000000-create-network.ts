import { Table, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

/** Column builders with types TypeORM maps the same way on SQLite and PostgreSQL. */
const col = {
  key: (name: string, length: number): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isPrimary: true }),
  str: (name: string, length: number, nullable = false): TableColumnOptions => ({
    name,
    type: 'varchar',
    length: String(length),
    isNullable: nullable,
  }),
  text: (name: string): TableColumnOptions => ({ name, type: 'text' }),
  bool: (name: string): TableColumnOptions => ({ name, type: 'boolean' }),
  int: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable }),
  ms: (name: string): TableColumnOptions => ({ name, type: 'bigint' }),
};

/** id, project, name, description, timestamps, revision: every standard-attr resource. */
const standard = (): TableColumnOptions[] => [
  col.key('id', 36),
  col.str('project_id', 64),
  col.str('name', 255),
  col.str('description', 255),
  col.ms('created_at'),
  col.ms('updated_at'),
  col.int('revision_number'),
];

/** The network schema: networks, subnets, ports and their addresses, security groups, routers, floating IPs, quotas. */
export class CreateNetwork1764200000000 implements MigrationInterface {
  name = 'CreateNetwork1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'networks',
        columns: [
          ...standard(),
          col.bool('admin_state_up'),
          col.bool('shared'),
          col.bool('external'),
          col.bool('is_default'),
          col.int('mtu'),
          col.bool('port_security_enabled'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'subnets',
        columns: [
          ...standard(),
          col.str('network_id', 36),
          col.int('ip_version'),
          col.str('cidr', 64),
          col.str('gateway_ip', 64, true),
          col.text('allocation_pools'),
          col.text('dns_nameservers'),
          col.text('host_routes'),
          col.bool('enable_dhcp'),
        ],
        indices: [{ name: 'ix_subnets_network', columnNames: ['network_id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'ports',
        columns: [
          ...standard(),
          col.str('network_id', 36),
          col.str('mac_address', 17),
          col.bool('admin_state_up'),
          col.str('status', 16),
          col.str('device_id', 255),
          col.str('device_owner', 255),
          col.str('host_id', 255),
          col.bool('port_security_enabled'),
          col.text('security_groups'),
          col.bool('created_for_device'),
        ],
        indices: [
          { name: 'ix_ports_network', columnNames: ['network_id'] },
          { name: 'ix_ports_device', columnNames: ['device_id'] },
          { name: 'uq_ports_network_mac', columnNames: ['network_id', 'mac_address'], isUnique: true },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'ip_allocations',
        columns: [col.key('subnet_id', 36), col.key('ip_address', 64), col.str('port_id', 36), col.str('network_id', 36)],
        indices: [{ name: 'ix_ip_allocations_port', columnNames: ['port_id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'security_groups',
        columns: [...standard(), col.bool('stateful')],
        indices: [{ name: 'ix_security_groups_project', columnNames: ['project_id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'default_security_groups',
        columns: [col.key('project_id', 64), col.str('security_group_id', 36)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'security_group_rules',
        columns: [
          col.key('id', 36),
          col.str('project_id', 64),
          col.str('security_group_id', 36),
          col.str('direction', 16),
          col.str('ethertype', 16),
          col.str('protocol', 40, true),
          col.int('port_range_min', true),
          col.int('port_range_max', true),
          col.str('remote_ip_prefix', 64, true),
          col.str('remote_group_id', 36, true),
          col.str('description', 255),
          col.ms('created_at'),
          col.ms('updated_at'),
          col.int('revision_number'),
        ],
        indices: [{ name: 'ix_security_group_rules_group', columnNames: ['security_group_id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'routers',
        columns: [...standard(), col.bool('admin_state_up'), col.str('gw_network_id', 36, true), col.bool('enable_snat')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'floating_ips',
        columns: [
          col.key('id', 36),
          col.str('project_id', 64),
          col.str('description', 255),
          col.str('floating_network_id', 36),
          col.str('floating_ip_address', 64),
          col.str('floating_port_id', 36),
          col.str('port_id', 36, true),
          col.str('fixed_ip_address', 64, true),
          col.str('router_id', 36, true),
          col.str('status', 16),
          col.ms('created_at'),
          col.ms('updated_at'),
          col.int('revision_number'),
        ],
        indices: [
          { name: 'uq_floating_ips_address', columnNames: ['floating_network_id', 'floating_ip_address'], isUnique: true },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'quotas',
        columns: [col.key('project_id', 64), col.key('resource', 64), col.int('hard_limit')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'auto_allocated_topologies',
        columns: [col.key('project_id', 64), col.str('network_id', 36), col.str('router_id', 36)],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'auto_allocated_topologies',
      'quotas',
      'floating_ips',
      'routers',
      'security_group_rules',
      'default_security_groups',
      'security_groups',
      'ip_allocations',
      'ports',
      'subnets',
      'networks',
    ]) {
      await q.dropTable(t);
    }
  }
}
