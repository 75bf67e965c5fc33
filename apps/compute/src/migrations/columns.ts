import type { TableColumnOptions, TableForeignKeyOptions } from 'typeorm';

/**
 * Column builders for the compute migrations. They use only types TypeORM maps the same way
 * on SQLite and PostgreSQL, so one migration serves both dialects.
 */
export const col = {
  key: (name: string, length: number): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isPrimary: true }),
  serial: (name = 'id'): TableColumnOptions => ({
    name,
    type: 'integer',
    isPrimary: true,
    isGenerated: true,
    generationStrategy: 'increment',
  }),
  str: (name: string, length: number, nullable = false): TableColumnOptions => ({
    name,
    type: 'varchar',
    length: String(length),
    isNullable: nullable,
  }),
  text: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
  bool: (name: string): TableColumnOptions => ({ name, type: 'boolean' }),
  int: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable }),
  double: (name: string): TableColumnOptions => ({ name, type: 'double precision' }),
  ms: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'bigint', isNullable: nullable }),
};

/** A cascading foreign key `column` → `table`(`refColumn`). */
export const fk = (name: string, column: string, table: string, refColumn: string): TableForeignKeyOptions => ({
  name,
  columnNames: [column],
  referencedTableName: table,
  referencedColumnNames: [refColumn],
  onDelete: 'CASCADE',
});
