import { afterPrefix, type NameRange } from './listing.js';

/**
 * A listing page's name bounds, order and limit on the `name` column: SQL to append to a
 * WHERE clause (`?` placeholders, for queryRows) and its parameters. Listings read plain
 * rows: TypeORM's hydration of a 10,000-object page cost more CPU and memory than the
 * query (about 20 MB of garbage that stayed in the old generation until the next full GC).
 */
export function nameRangeSql(r: NameRange): { sql: string; params: unknown[] } {
  const conds: string[] = [];
  const params: unknown[] = [];
  const add = (cond: string, value: string) => {
    conds.push(` AND ${cond}`);
    params.push(value);
  };
  if (r.after !== undefined) {
    add(`name ${r.fromInclusive ? '>=' : '>'} ?`, r.after);
  }
  if (r.before !== undefined) {
    add('name < ?', r.before);
  }
  if (r.prefix) {
    add('name >= ?', r.prefix);
    const end = afterPrefix(r.prefix);
    if (end !== undefined) {
      add('name < ?', end);
    }
  }
  params.push(r.limit);
  return { sql: `${conds.join('')} ORDER BY name ${r.reverse ? 'DESC' : 'ASC'} LIMIT ?`, params };
}
