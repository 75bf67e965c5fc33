import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import { loggerFor } from '@tinystack/logging';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Ctor = Function;

export interface DatabaseOptions {
  /** Service name: the SQLite file is `<dataDir>/<service>/<service>.sqlite`. */
  readonly service: string;
  readonly dataDir: string;
  /** PostgreSQL URL; when set it is used instead of SQLite. */
  readonly databaseUrl?: string | undefined;
  readonly entities: MixedList<Ctor | string | EntitySchema>;
  readonly migrations: MixedList<Ctor | string>;
  /**
   * SQLite `synchronous`: FULL (default) makes every acknowledged commit survive a power
   * loss; NORMAL survives a process crash only.
   */
  readonly sqliteSynchronous?: 'FULL' | 'NORMAL';
  /** Pool size for PostgreSQL. */
  readonly poolSize?: number;
}

export type Dialect = 'sqlite' | 'postgres';

export function dialectOf(ds: DataSource): Dialect {
  return ds.options.type === 'postgres' ? 'postgres' : 'sqlite';
}

/** TypeORM options: SQLite (better-sqlite3, WAL) by default, PostgreSQL when a URL is given. Never synchronize. */
export function dataSourceOptions(opts: DatabaseOptions): DataSourceOptions {
  const common = {
    entities: opts.entities,
    migrations: opts.migrations,
    migrationsRun: false,
    synchronize: false,
    migrationsTableName: 'migrations',
    logging: false,
  } as const;
  if (opts.databaseUrl) {
    return { ...common, type: 'postgres', url: opts.databaseUrl, poolSize: opts.poolSize ?? 10 };
  }
  const dir = join(opts.dataDir, opts.service);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const synchronous = opts.sqliteSynchronous ?? 'FULL';
  return {
    ...common,
    type: 'better-sqlite3',
    database: join(dir, `${opts.service}.sqlite`),
    prepareDatabase: (db: { pragma(s: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${synchronous}`);
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    },
  };
}

/** Open the database and run the checked-in migrations (forward only). */
export async function openDatabase(opts: DatabaseOptions): Promise<DataSource> {
  const log = loggerFor('Database');
  const ds = new DataSource(dataSourceOptions(opts));
  await ds.initialize();
  const applied = await ds.runMigrations({ transaction: 'each' });
  log.info(
    { dialect: dialectOf(ds), migrations: applied.map((m) => m.name) },
    applied.length > 0 ? 'database migrated' : 'database up to date',
  );
  return ds;
}

/** The SQL TypeORM would run to make the schema match the entities; empty when migrations are complete. */
export async function schemaDrift(ds: DataSource): Promise<string[]> {
  const { upQueries } = await ds.driver.createSchemaBuilder().log();
  return upQueries.map((q) => q.query);
}
