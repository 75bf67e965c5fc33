import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RoleEntity } from './role.entity.js';
import { expandImplied, type RoleGraph } from './roles.repository.js';

const role = (id: string): RoleEntity => ({
  id,
  name: id,
  domainId: '',
  description: null,
  extra: {},
  createdAt: 0,
});

test('implied roles expand transitively and survive cycles', () => {
  const graph: RoleGraph = {
    roles: new Map(['admin', 'member', 'reader', 'x'].map((id) => [id, role(id)])),
    implies: new Map([
      ['admin', ['member']],
      ['member', ['reader']],
      ['x', ['admin', 'x']],
    ]),
  };
  assert.deepEqual(
    expandImplied(graph, ['admin']).map((r) => r.id),
    ['admin', 'member', 'reader'],
  );
  assert.deepEqual(
    expandImplied(graph, ['reader']).map((r) => r.id),
    ['reader'],
  );
  assert.deepEqual(
    expandImplied(graph, ['x']).map((r) => r.id),
    ['admin', 'member', 'reader', 'x'],
  );
  assert.deepEqual(expandImplied(graph, ['gone']), []);
});
