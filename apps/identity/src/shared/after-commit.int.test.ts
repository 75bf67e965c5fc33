// Medium test: afterCommit callbacks run after COMMIT only, on a real SQLite database.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tempDir } from '@tinystack/testing';
import { DataSource } from 'typeorm';
import { afterCommit, inTransaction } from './after-commit.js';

test('callbacks run after commit, never after rollback, at once outside a transaction', async () => {
  const dir = tempDir('after-commit-');
  const ds = new DataSource({ type: 'better-sqlite3', database: `${dir.path}/t.sqlite` });
  await ds.initialize();
  try {
    const seen: string[] = [];
    await inTransaction(ds, async (m) => {
      afterCommit(m, () => seen.push('committed'));
      await m.query('SELECT 1');
      assert.deepEqual(seen, [], 'not before commit');
    });
    assert.deepEqual(seen, ['committed']);
    await assert.rejects(
      inTransaction(ds, async (m) => {
        afterCommit(m, () => seen.push('rolled back'));
        await m.query('SELECT 1');
        throw new Error('boom');
      }),
    );
    assert.deepEqual(seen, ['committed']);
    afterCommit(undefined, () => seen.push('now'));
    assert.deepEqual(seen, ['committed', 'now']);
  } finally {
    await ds.destroy();
    dir.cleanup();
  }
});
