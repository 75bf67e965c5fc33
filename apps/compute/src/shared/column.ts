import { bigintNumber } from '@tinystack/db';
import type { ColumnOptions } from 'typeorm';

/** A bigint column of Unix milliseconds, read as a number on both dialects. */
export const msColumn = (name: string, nullable = false): ColumnOptions => ({
  name,
  type: 'bigint',
  nullable,
  transformer: bigintNumber,
});
