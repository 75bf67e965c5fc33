import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Accounts, containers and objects; one migration for SQLite and PostgreSQL. */
export class CreateObjectStore1764100000000 implements MigrationInterface {
  name = 'CreateObjectStore1764100000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    const byteOrder = pg ? { collation: 'C' } : {};
    await q.createTable(
      new Table({
        name: 'accounts',
        columns: [
          { name: 'name', type: 'varchar', length: '256', isPrimary: true },
          { name: 'meta', type: 'text', default: "'{}'" },
          { name: 'created_at', type: 'bigint' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'containers',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'account', type: 'varchar', length: '256' },
          { name: 'name', type: 'varchar', length: '256', ...byteOrder },
          { name: 'meta', type: 'text', default: "'{}'" },
          { name: 'read_acl', type: 'text', isNullable: true },
          { name: 'write_acl', type: 'text', isNullable: true },
          { name: 'created_at', type: 'bigint' },
          { name: 'updated_at', type: 'bigint' },
        ],
        indices: [new TableIndex({ name: 'ux_containers_account_name', columnNames: ['account', 'name'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'objects',
        columns: [
          { name: 'container_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '1024', isPrimary: true, ...byteOrder },
          { name: 'kind', type: 'varchar', length: '8' },
          { name: 'blob_key', type: 'varchar', length: '64', isNullable: true },
          { name: 'size', type: 'bigint' },
          { name: 'etag', type: 'varchar', length: '64' },
          { name: 'content_type', type: 'varchar', length: '256' },
          { name: 'timestamp', type: 'double precision' },
          { name: 'meta', type: 'text', default: "'{}'" },
          { name: 'headers', type: 'text', default: "'{}'" },
          { name: 'delete_at', type: 'bigint', isNullable: true },
          { name: 'manifest', type: 'text', isNullable: true },
        ],
        indices: [new TableIndex({ name: 'ix_objects_delete_at', columnNames: ['delete_at'] })],
      }),
    );
  }

  down(): Promise<void> {
    return Promise.reject(new Error('forward-only migration'));
  }
}
