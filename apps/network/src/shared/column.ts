import { bigintNumber } from '@tinystack/db';
import type { ColumnOptions } from 'typeorm';

/** A bigint column of Unix milliseconds, read as a number on both dialects. */
export const msColumn = (name: string): ColumnOptions => ({ name, type: 'bigint', transformer: bigintNumber });

/** A text column holding JSON (lists of pools, routes, name servers). */
export const jsonColumn = (name: string): ColumnOptions => ({
  name,
  type: 'text',
  transformer: { to: (v: unknown) => JSON.stringify(v ?? []), from: (v: string | null): unknown => (v ? (JSON.parse(v) as unknown) : []) },
});
