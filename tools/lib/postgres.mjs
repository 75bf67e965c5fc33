// A PostgreSQL server for medium tests: 127.0.0.1:5432 with a role tinystack/tinystack that
// may create databases. On Debian/Ubuntu as root it starts (or creates) the cluster that
// listens on 5432 and creates the role; otherwise it says what to run.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { canConnect, capture, Fatal, isRoot, makeLog, run, which } from './proc.mjs';

export const DEFAULT_TEST_DATABASE_URL = 'postgres://tinystack:tinystack@127.0.0.1:5432/postgres';
const log = makeLog('bootstrap');

const ROLE_SQL = `DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tinystack') THEN
    CREATE ROLE tinystack LOGIN CREATEDB PASSWORD 'tinystack';
  ELSE
    ALTER ROLE tinystack LOGIN CREATEDB PASSWORD 'tinystack';
  END IF;
END $$;`;

const byVersionDesc = (a, b) => Number(b) - Number(a);

/** The Debian cluster configured for port 5432, as { version, name }, or null. */
function debianCluster() {
  if (!existsSync('/etc/postgresql')) {
    return null;
  }
  const versions = readdirSync('/etc/postgresql').filter((v) => /^\d+(\.\d+)?$/.test(v));
  for (const version of versions.sort(byVersionDesc)) {
    for (const name of readdirSync(`/etc/postgresql/${version}`)) {
      const conf = `/etc/postgresql/${version}/${name}/postgresql.conf`;
      const port = existsSync(conf)
        ? (/^\s*port\s*=\s*(\d+)/m.exec(readFileSync(conf, 'utf8'))?.[1] ?? '5432')
        : null;
      if (port === '5432') {
        return { version, name };
      }
    }
  }
  return null;
}

/** Creates cluster "main" of the newest installed server when there is none. */
function createDebianCluster() {
  if (!isRoot || !which('pg_createcluster') || !existsSync('/usr/lib/postgresql')) {
    return null;
  }
  const version = readdirSync('/usr/lib/postgresql')
    .filter((v) => /^\d+$/.test(v))
    .sort(byVersionDesc)[0];
  if (!version) {
    return null;
  }
  log(`creating PostgreSQL ${version} cluster "main"`);
  run('pg_createcluster', [version, 'main', '--port=5432']);
  return { version, name: 'main' };
}

async function startPostgres() {
  const cluster = debianCluster() ?? createDebianCluster();
  if (!cluster) {
    log.warn('no PostgreSQL on 127.0.0.1:5432 and no cluster to start: PostgreSQL tests will skip');
    return false;
  }
  const { version, name } = cluster;
  if (!isRoot) {
    log.warn(
      `PostgreSQL is not running; start it with: sudo pg_ctlcluster ${version} ${name} start`,
    );
    return false;
  }
  log(`starting PostgreSQL ${version}/${name}`);
  run('pg_ctlcluster', [version, name, 'start']);
  for (let i = 0; i < 60; i++) {
    if (await canConnect('127.0.0.1', 5432)) {
      return true;
    }
    await sleep(500);
  }
  throw new Fatal(`PostgreSQL ${version}/${name} started but 127.0.0.1:5432 does not answer`);
}

/** true/false: whether tinystack can log in with CREATEDB; null: no psql to tell. */
function roleWorks() {
  if (!which('psql')) {
    return null;
  }
  const sql = 'SELECT rolcreatedb FROM pg_roles WHERE rolname = current_user';
  const r = capture('psql', ['-XAtqc', sql, DEFAULT_TEST_DATABASE_URL], {
    env: { ...process.env, PGCONNECT_TIMEOUT: '5' },
  });
  return r.ok && r.out.trim() === 't';
}

function createRole() {
  log('PostgreSQL: creating role tinystack (LOGIN CREATEDB)');
  const psql = ['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-p', '5432', '-d', 'postgres'];
  run('runuser', ['-u', 'postgres', '--', ...psql], {
    input: ROLE_SQL,
    stdio: ['pipe', 'inherit', 'inherit'],
    cwd: '/',
  });
  if (roleWorks() === false) {
    throw new Fatal('role tinystack still cannot log in on 127.0.0.1:5432');
  }
}

export async function ensurePostgres() {
  if (process.env.TINYSTACK_TEST_DATABASE_URL) {
    log('PostgreSQL: using TINYSTACK_TEST_DATABASE_URL from the environment');
    return;
  }
  if (await canConnect('127.0.0.1', 5432)) {
    log('PostgreSQL: listening on 127.0.0.1:5432');
  } else if (!(await startPostgres())) {
    return;
  }
  if (roleWorks()) {
    log('PostgreSQL: role tinystack can log in and create databases');
  } else if (isRoot) {
    createRole();
  } else {
    log.warn(
      `cannot log in as tinystack/tinystack with CREATEDB; as a superuser run:\n${ROLE_SQL}`,
    );
  }
}
