import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { afterPrefix, type NameRange } from './listing.js';

/** Applies a listing page's name bounds, order and limit to a query on `alias.name`. */
export function applyNameRange<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, r: NameRange): SelectQueryBuilder<T> {
  const col = `${alias}.name`;
  if (r.after !== undefined) {
    qb.andWhere(`${col} ${r.fromInclusive ? '>=' : '>'} :after`, { after: r.after });
  }
  if (r.before !== undefined) {
    qb.andWhere(`${col} < :before`, { before: r.before });
  }
  if (r.prefix) {
    qb.andWhere(`${col} >= :prefix`, { prefix: r.prefix });
    const end = afterPrefix(r.prefix);
    if (end !== undefined) {
      qb.andWhere(`${col} < :prefixEnd`, { prefixEnd: end });
    }
  }
  return qb.orderBy(col, r.reverse ? 'DESC' : 'ASC').limit(r.limit);
}
