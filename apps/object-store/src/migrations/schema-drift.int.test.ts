import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDatabase, schemaDrift } from '@tinystack/db';
import { createTestPostgres, tempDir, testDialects } from '@tinystack/testing';
import { ENTITIES, MIGRATIONS } from './index.js';

for (const dialect of testDialects()) {
  test(`migrations match the entities on ${dialect}`, async () => {
    const dir = tempDir('object-store-drift-');
    const pg = dialect === 'postgres' ? await createTestPostgres() : undefined;
    const ds = await openDatabase({ service: 'object-store', dataDir: dir.path, databaseUrl: pg?.url, entities: ENTITIES, migrations: MIGRATIONS });
    try {
      assert.deepEqual(await schemaDrift(ds), []);
    } finally {
      await ds.destroy();
      await pg?.drop();
      dir.cleanup();
    }
  });
}
