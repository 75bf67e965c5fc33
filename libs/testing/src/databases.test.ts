import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dropForced } from './databases.js';

/** A client whose queries fail with `codes` in turn, then succeed; it records the SQL. */
function client(codes: string[]) {
  const sql: string[] = [];
  return {
    sql,
    query: (q: string) => {
      sql.push(q);
      const code = codes.shift();
      return code ? Promise.reject(Object.assign(new Error(`failed: ${code}`), { code })) : Promise.resolve({ rows: [] });
    },
  };
}

test('a drop refused for want of privilege (an autovacuum worker in the database) is tried again', async () => {
  const c = client(['42501', '42501']);
  await dropForced(c as never, 't_abc', 1);
  assert.deepEqual(c.sql, Array(3).fill('DROP DATABASE IF EXISTS t_abc WITH (FORCE)'));
});

test('other errors are not retried, and a refusal that lasts is given up on', async () => {
  const other = client(['3D000']);
  await assert.rejects(dropForced(other as never, 't_abc', 1), /3D000/);
  assert.equal(other.sql.length, 1);
  const lasting = client(Array(100).fill('42501'));
  await assert.rejects(dropForced(lasting as never, 't_abc', 1), /42501/);
  assert.equal(lasting.sql.length, 40);
});
