import { createTestPostgres, testDialects } from '@tinystack/testing';
import type { ObjectStoreConfig } from '../config.js';

export type ConfigValues = Partial<Record<keyof ObjectStoreConfig, string>>;

/**
 * The configurations the REST suites run on: SQLite + filesystem always; PostgreSQL +
 * filesystem when TINYSTACK_TEST_DATABASE_URL is set (required under CI); SQLite + S3
 * when TINYSTACK_TEST_S3_ENDPOINT names an S3 server (TINYSTACK_TEST_S3_SERVER says which).
 */
export function testMatrix(): Array<{ label: string; values: () => Promise<{ values: ConfigValues; cleanup: () => Promise<void> }> }> {
  const out: Array<{ label: string; values: () => Promise<{ values: ConfigValues; cleanup: () => Promise<void> }> }> = [];
  for (const dialect of testDialects()) {
    out.push({
      label: `${dialect} + fs`,
      values: async () => {
        if (dialect === 'sqlite') {
          return { values: {}, cleanup: () => Promise.resolve() };
        }
        const pg = await createTestPostgres();
        return { values: { OBJECT_STORE_DATABASE_URL: pg.url }, cleanup: pg.drop };
      },
    });
  }
  const s3 = process.env['TINYSTACK_TEST_S3_ENDPOINT'];
  if (s3) {
    out.push({
      label: `sqlite + s3 (${process.env['TINYSTACK_TEST_S3_SERVER'] ?? 'S3 server'} at ${s3})`,
      values: () => Promise.resolve({
        values: {
          OBJECT_STORE_BACKEND: 's3',
          OBJECT_STORE_S3_ENDPOINT: s3,
          OBJECT_STORE_S3_ACCESS_KEY: process.env['TINYSTACK_TEST_S3_ACCESS_KEY'] ?? '',
          OBJECT_STORE_S3_SECRET_KEY: process.env['TINYSTACK_TEST_S3_SECRET_KEY'] ?? '',
          OBJECT_STORE_S3_BUCKET: `tinystack-app-${Date.now().toString(36)}`,
        },
        cleanup: () => Promise.resolve(),
      }),
    });
  }
  return out;
}
