import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, fk } from './columns.js';

/** The compute schema: flavors, key pairs, quotas, servers, instance actions, services and hosts. */
export class CreateCompute1764000000000 implements MigrationInterface {
  name = 'CreateCompute1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'flavors',
        columns: [
          col.key('id', 255),
          col.str('name', 255),
          col.int('vcpus'),
          col.int('memory_mb'),
          col.int('root_gb'),
          col.int('ephemeral_gb'),
          col.int('swap'),
          col.double('rxtx_factor'),
          col.bool('is_public'),
          col.bool('disabled'),
          col.text('description', true),
          col.ms('created_at'),
        ],
        indices: [{ name: 'uq_flavors_name', columnNames: ['name'], isUnique: true }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'flavor_extra_specs',
        columns: [col.key('flavor_id', 255), col.key('key', 255), col.str('value', 255)],
        foreignKeys: [fk('fk_flavor_extra_specs_flavor', 'flavor_id', 'flavors', 'id')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'flavor_projects',
        columns: [col.key('flavor_id', 255), col.key('project_id', 64)],
        foreignKeys: [fk('fk_flavor_projects_flavor', 'flavor_id', 'flavors', 'id')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'key_pairs',
        columns: [
          col.serial(),
          col.str('name', 255),
          col.str('user_id', 64),
          col.str('fingerprint', 255),
          col.text('public_key'),
          col.str('type', 16),
          col.ms('created_at'),
        ],
        indices: [{ name: 'uq_key_pairs_user_name', columnNames: ['user_id', 'name'], isUnique: true }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'quotas',
        columns: [col.key('project_id', 64), col.key('resource', 64), col.int('hard_limit')],
      }),
    );
    await this.createServers(q);
    await this.createActions(q);
    await this.createHosts(q);
  }

  private async createServers(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'servers',
        columns: [
          col.key('id', 36),
          col.str('name', 255),
          col.str('project_id', 64),
          col.str('user_id', 64),
          col.str('image_id', 36),
          col.str('flavor_id', 255),
          col.str('flavor_name', 255),
          col.int('vcpus'),
          col.int('memory_mb'),
          col.int('root_gb'),
          col.int('ephemeral_gb'),
          col.int('swap'),
          col.text('flavor_extra_specs'),
          col.str('key_name', 255, true),
          col.text('key_data', true),
          col.text('user_data', true),
          col.str('vm_state', 32),
          col.str('task_state', 32, true),
          col.int('power_state'),
          col.str('host', 255, true),
          col.str('node', 255, true),
          col.str('availability_zone', 255, true),
          col.str('requested_host', 255, true),
          col.str('requested_node', 255, true),
          col.str('reservation_id', 16),
          col.int('launch_index'),
          col.str('hostname', 255),
          col.text('description', true),
          col.bool('locked'),
          col.str('locked_by', 16, true),
          col.text('locked_reason', true),
          col.str('access_ipv4', 64, true),
          col.str('access_ipv6', 64, true),
          col.str('disk_config', 16),
          col.str('network_mode', 8),
          col.text('addresses'),
          col.int('progress'),
          col.int('fault_code', true),
          col.text('fault_message', true),
          col.text('fault_details', true),
          col.ms('fault_created_at', true),
          col.ms('created_at'),
          col.ms('updated_at'),
          col.ms('launched_at', true),
          col.ms('terminated_at', true),
          col.ms('deleted_at', true),
        ],
        indices: [
          { name: 'ix_servers_project_created', columnNames: ['project_id', 'created_at'] },
          { name: 'ix_servers_host', columnNames: ['host'] },
          { name: 'ix_servers_deleted_at', columnNames: ['deleted_at'] },
          { name: 'ix_servers_created_at', columnNames: ['created_at'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'server_metadata',
        columns: [col.key('server_id', 36), col.key('key', 255), col.str('value', 255)],
        foreignKeys: [fk('fk_server_metadata_server', 'server_id', 'servers', 'id')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'server_tags',
        columns: [col.key('server_id', 36), col.key('tag', 60)],
        foreignKeys: [fk('fk_server_tags_server', 'server_id', 'servers', 'id')],
      }),
    );
  }

  private async createActions(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'instance_actions',
        columns: [
          col.serial(),
          col.str('server_id', 36),
          col.str('action', 255),
          col.str('request_id', 255),
          col.str('user_id', 64),
          col.str('project_id', 64),
          col.ms('start_time'),
          col.ms('finish_time', true),
          col.str('message', 255, true),
          col.ms('updated_at'),
        ],
        indices: [
          { name: 'ix_instance_actions_server', columnNames: ['server_id', 'start_time'] },
          { name: 'ix_instance_actions_request', columnNames: ['server_id', 'request_id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'instance_action_events',
        columns: [
          col.serial(),
          col.int('action_id'),
          col.str('event', 255),
          col.ms('start_time'),
          col.ms('finish_time', true),
          col.str('result', 255, true),
          col.text('traceback', true),
          col.str('host', 255, true),
          col.text('details', true),
        ],
        indices: [{ name: 'ix_instance_action_events_action', columnNames: ['action_id'] }],
        foreignKeys: [fk('fk_instance_action_events_action', 'action_id', 'instance_actions', 'id')],
      }),
    );
  }

  private async createHosts(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'services',
        columns: [
          col.serial(),
          col.str('uuid', 36),
          col.str('binary', 64),
          col.str('host', 255),
          col.bool('disabled'),
          col.str('disabled_reason', 255, true),
          col.bool('forced_down'),
          col.ms('last_seen_up', true),
          col.ms('created_at'),
          col.ms('updated_at'),
        ],
        indices: [
          { name: 'uq_services_host_binary', columnNames: ['host', 'binary'], isUnique: true },
          { name: 'uq_services_uuid', columnNames: ['uuid'], isUnique: true },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'compute_nodes',
        columns: [
          col.serial(),
          col.str('uuid', 36),
          col.int('service_id'),
          col.str('host', 255),
          col.str('hypervisor_hostname', 255),
          col.str('hypervisor_type', 32),
          col.int('hypervisor_version'),
          col.str('host_ip', 64),
          col.str('grpc_url', 255),
          col.int('vcpus'),
          col.int('memory_mb'),
          col.int('local_gb'),
          col.int('disk_available_least'),
          col.text('cpu_info'),
          col.ms('created_at'),
          col.ms('updated_at'),
        ],
        indices: [
          { name: 'uq_compute_nodes_host', columnNames: ['host'], isUnique: true },
          { name: 'uq_compute_nodes_uuid', columnNames: ['uuid'], isUnique: true },
        ],
      }),
    );
  }

  down(): Promise<void> {
    return Promise.reject(new Error('forward-only migrations'));
  }
}
