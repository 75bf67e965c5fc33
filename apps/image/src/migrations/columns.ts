import type { TableColumnOptions, TableForeignKeyOptions } from 'typeorm';

/**
 * Column builders for the image migrations. They use only types that TypeORM maps the same
 * way on SQLite and PostgreSQL, so one migration serves both dialects.
 */
export const col = {
  str: (name: string, length: number, nullable = false): TableColumnOptions => ({
    name,
    type: 'varchar',
    length: String(length),
    isNullable: nullable,
  }),
  key: (name: string, length: number): TableColumnOptions => ({
    name,
    type: 'varchar',
    length: String(length),
    isPrimary: true,
  }),
  text: (name: string): TableColumnOptions => ({ name, type: 'text' }),
  bool: (name: string): TableColumnOptions => ({ name, type: 'boolean' }),
  int: (name: string): TableColumnOptions => ({ name, type: 'integer' }),
  big: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'bigint', isNullable: nullable }),
};

/** image_id → images.id, deleted with the image. */
export const imageFk = (name: string): TableForeignKeyOptions => ({
  name,
  columnNames: ['image_id'],
  referencedTableName: 'images',
  referencedColumnNames: ['id'],
  onDelete: 'CASCADE',
});
