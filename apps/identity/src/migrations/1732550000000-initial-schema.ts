import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns.js';

const pk = (name: string, length = 64) => ({ ...col.str(name, length), isPrimary: true });

const TABLES: Table[] = [
  new Table({
    name: 'domains',
    columns: [
      col.id(),
      col.str('name', 255),
      col.text('description', true),
      col.bool('enabled'),
      col.json('extra'),
      col.ms('created_at'),
    ],
    indices: [{ name: 'uq_domains_name', columnNames: ['name'], isUnique: true }],
  }),
  new Table({
    name: 'projects',
    columns: [
      col.id(),
      col.str('name'),
      col.str('domain_id'),
      col.str('parent_id'),
      col.text('description', true),
      col.bool('enabled'),
      col.json('tags'),
      col.json('extra'),
      col.ms('created_at'),
    ],
    indices: [
      { name: 'uq_projects_domain_name', columnNames: ['domain_id', 'name'], isUnique: true },
      { name: 'ix_projects_parent', columnNames: ['parent_id'] },
    ],
  }),
  new Table({
    name: 'users',
    columns: [
      col.id(),
      col.str('name', 255),
      col.str('domain_id'),
      col.bool('enabled'),
      col.str('default_project_id', 64, true),
      col.text('password_hash', true),
      col.ms('password_changed_at', true),
      col.int('failed_auth_count'),
      col.ms('failed_auth_at', true),
      col.json('options'),
      col.json('extra'),
      col.ms('created_at'),
    ],
    indices: [{ name: 'uq_users_domain_name', columnNames: ['domain_id', 'name'], isUnique: true }],
  }),
  new Table({
    name: 'groups',
    columns: [
      col.id(),
      col.str('name'),
      col.str('domain_id'),
      col.text('description', true),
      col.json('extra'),
      col.ms('created_at'),
    ],
    indices: [
      { name: 'uq_groups_domain_name', columnNames: ['domain_id', 'name'], isUnique: true },
    ],
  }),
  new Table({
    name: 'group_memberships',
    columns: [pk('group_id'), pk('user_id')],
    indices: [{ name: 'ix_group_memberships_user', columnNames: ['user_id'] }],
  }),
  new Table({
    name: 'roles',
    columns: [
      col.id(),
      col.str('name', 255),
      col.str('domain_id'),
      col.text('description', true),
      col.json('extra'),
      col.ms('created_at'),
    ],
    indices: [{ name: 'uq_roles_domain_name', columnNames: ['domain_id', 'name'], isUnique: true }],
  }),
  new Table({
    name: 'implied_roles',
    columns: [pk('prior_role_id'), pk('implied_role_id')],
    indices: [{ name: 'ix_implied_roles_implied', columnNames: ['implied_role_id'] }],
  }),
  new Table({
    name: 'role_assignments',
    columns: [pk('type', 16), pk('actor_id'), pk('target_id'), pk('role_id')],
    indices: [
      { name: 'ix_role_assignments_target', columnNames: ['target_id'] },
      { name: 'ix_role_assignments_role', columnNames: ['role_id'] },
    ],
  }),
  new Table({
    name: 'application_credentials',
    columns: [
      col.id(),
      col.str('name', 255),
      col.str('user_id'),
      col.str('project_id'),
      col.text('secret_hash'),
      col.text('description', true),
      col.ms('expires_at', true),
      col.bool('unrestricted'),
      col.json('role_ids'),
      col.ms('created_at'),
    ],
    indices: [
      { name: 'uq_app_creds_user_name', columnNames: ['user_id', 'name'], isUnique: true },
      { name: 'ix_app_creds_project', columnNames: ['project_id'] },
    ],
  }),
  new Table({
    name: 'regions',
    columns: [
      col.id('id', 255),
      col.text('description', true),
      col.str('parent_region_id', 255, true),
      col.json('extra'),
    ],
  }),
  new Table({
    name: 'services',
    columns: [
      col.id(),
      col.str('type', 255),
      col.str('name', 255, true),
      col.text('description', true),
      col.bool('enabled'),
      col.json('extra'),
    ],
  }),
  new Table({
    name: 'endpoints',
    columns: [
      col.id(),
      col.str('service_id'),
      col.str('interface', 8),
      col.text('url'),
      col.str('region_id', 255, true),
      col.bool('enabled'),
      col.json('extra'),
    ],
    indices: [{ name: 'ix_endpoints_service', columnNames: ['service_id'] }],
  }),
  new Table({
    name: 'signing_keys',
    columns: [
      col.id('kid'),
      col.str('algorithm', 16),
      col.text('private_key_pem'),
      col.text('public_key_pem'),
      col.ms('created_at'),
      col.ms('retired_at', true),
    ],
  }),
  new Table({
    name: 'revocation_events',
    columns: [
      {
        name: 'id',
        type: 'integer',
        isPrimary: true,
        isGenerated: true,
        generationStrategy: 'increment',
      },
      col.str('user_id', 64, true),
      col.str('project_id', 64, true),
      col.str('domain_id', 64, true),
      col.str('audit_id', 64, true),
      col.str('application_credential_id', 64, true),
      col.ms('issued_before'),
      col.ms('expires_at'),
    ],
    indices: [{ name: 'ix_revocation_events_expires', columnNames: ['expires_at'] }],
  }),
];

/** The identity schema, version 1. Forward only: later changes are new migrations. */
export class InitialSchema1732550000000 implements MigrationInterface {
  name = 'InitialSchema1732550000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await q.createTable(table, true, false, true);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) {
      await q.dropTable(table.name, true);
    }
  }
}
