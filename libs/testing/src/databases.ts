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
        await dropForced(c, name);
      } finally {
        await c.end();
      }
    },
  };
}

/** SQLSTATE insufficient_privilege. */
const INSUFFICIENT_PRIVILEGE = '42501';

/**
 * DROP DATABASE ... WITH (FORCE), which ends the test's leftover connections. FORCE also
 * tries to end an autovacuum worker that is busy in the database, and a role that is not a
 * superuser may not do that ("must be a member of the role whose process is being
 * terminated", seen in CI). The worker ends within moments, so the drop is tried again.
 */
export async function dropForced(c: Pick<pg.Client, 'query'>, name: string, retryMs = 250): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== INSUFFICIENT_PRIVILEGE || attempt >= 40) {
        throw err;
      }
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  }
}
