import type { TableColumnOptions } from 'typeorm';

/**
 * Column builders for the identity migrations. They use only types that TypeORM maps the
 * same way on SQLite and PostgreSQL, so one migration serves both dialects.
 */
export const col = {
  id: (name = 'id', length = 64): TableColumnOptions => ({
    name,
    type: 'varchar',
    length: String(length),
    isPrimary: true,
  }),
  str: (name: string, length = 64, nullable = false): TableColumnOptions => ({
    name,
    type: 'varchar',
    length: String(length),
    isNullable: nullable,
  }),
  text: (name: string, nullable = false): TableColumnOptions => ({
    name,
    type: 'text',
    isNullable: nullable,
  }),
  bool: (name: string): TableColumnOptions => ({ name, type: 'boolean' }),
  int: (name: string): TableColumnOptions => ({ name, type: 'integer' }),
  ms: (name: string, nullable = false): TableColumnOptions => ({
    name,
    type: 'bigint',
    isNullable: nullable,
  }),
  json: (name: string): TableColumnOptions => ({ name, type: 'text' }),
};
