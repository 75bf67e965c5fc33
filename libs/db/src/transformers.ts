import type { ValueTransformer } from 'typeorm';

/** bigint columns come back from PostgreSQL as strings: read them as numbers (ms timestamps, sizes). */
export const bigintNumber: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => (v === null || v === undefined ? v : Number(v)),
};
