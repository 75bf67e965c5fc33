import { DataSource, type EntityManager } from 'typeorm';

/**
 * Hot-path reads as plain SQL (one prepared statement, cached by the driver) instead of
 * TypeORM's query builder, which costs more CPU than the query itself. SQL is written
 * with `?` placeholders and renumbered to `$n` for PostgreSQL.
 */
export async function queryRows<T>(db: DataSource | EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const type = db instanceof DataSource ? db.options.type : db.connection.options.type;
  const text = type === 'postgres' ? numbered(sql) : sql;
  return db.query<T[]>(text, params);
}

const cache = new Map<string, string>();

function numbered(sql: string): string {
  let out = cache.get(sql);
  if (out === undefined) {
    let i = 0;
    out = sql.replace(/\?/g, () => `$${++i}`);
    cache.set(sql, out);
  }
  return out;
}

/** bigint columns arrive as strings from PostgreSQL. */
export const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : num(v));
