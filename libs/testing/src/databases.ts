import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The database dialects a medium test runs on: SQLite always, PostgreSQL when
 * TINYSTACK_TEST_DATABASE_URL names a server whose user may create databases. Under CI
 * (CI set) a missing PostgreSQL is an error, so the PostgreSQL half can never be skipped
 * silently there.
 */
export function testDialects(): Array<'sqlite' | 'postgres'> {
  const url = process.env['TINYSTACK_TEST_DATABASE_URL'];
  if (!url && process.env['CI']) {
    throw new Error('CI is set but TINYSTACK_TEST_DATABASE_URL is not: the PostgreSQL tests cannot run');
  }
  return url ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** A new, empty PostgreSQL database for one test; `drop()` removes it. */
export async function createTestPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env['TINYSTACK_TEST_DATABASE_URL'];
  if (!base) {
    throw new Error('TINYSTACK_TEST_DATABASE_URL is not set');
  }
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
