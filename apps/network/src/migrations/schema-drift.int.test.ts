import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { openDatabase, schemaDrift } from '@tinystack/db';
import { createTestPostgres, tempDir, testDialects } from '@tinystack/testing';
import { NETWORK_ENTITIES } from '../entities.js';
import { NETWORK_MIGRATIONS } from './index.js';

const cleanups: Array<() => Promise<void> | void> = [];
after(async () => {
  for (const c of cleanups.reverse()) {
    await c();
  }
});

for (const dialect of testDialects()) {
  test(`network migrations match the entities on ${dialect}`, async () => {
    const dir = tempDir('network-drift-');
    cleanups.push(dir.cleanup);
    let databaseUrl: string | undefined;
    if (dialect === 'postgres') {
      const pg = await createTestPostgres();
      cleanups.push(pg.drop);
      databaseUrl = pg.url;
    }
    const opts = { service: 'network', dataDir: dir.path, databaseUrl, entities: NETWORK_ENTITIES, migrations: NETWORK_MIGRATIONS };
    const ds = await openDatabase(opts);
    try {
      assert.deepEqual(await schemaDrift(ds), []);
      assert.equal(await ds.showMigrations(), false, 'every migration ran');
    } finally {
      await ds.destroy();
    }
    // Starting again is a no-op (forward only, idempotent start).
    const again = await openDatabase(opts);
    try {
      assert.deepEqual(await schemaDrift(again), []);
    } finally {
      await again.destroy();
    }
  });
}
