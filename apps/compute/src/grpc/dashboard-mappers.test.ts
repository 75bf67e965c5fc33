import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { computeV1 } from '@tinystack/contracts';
import { DomainError } from '@tinystack/errors';
import { createServerBodyOf } from './dashboard-mappers.js';

const request = (networks: string): computeV1.CreateServerRequest => ({
  name: 'web',
  imageId: '4f0b5d4c-4d1e-4b7e-9f3a-0c1d2e3f4a5b',
  flavorId: '1',
  keyName: '',
  userData: new Uint8Array(),
  count: 1,
  metadata: {},
  availabilityZone: '',
  networks,
});

test("the dashboard's network choice becomes the REST API's `networks`", () => {
  assert.equal(createServerBodyOf(request('')).networks, 'auto');
  assert.equal(createServerBodyOf(request('auto')).networks, 'auto');
  assert.equal(createServerBodyOf(request('none')).networks, 'none');
  const id = '0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a';
  assert.deepEqual(createServerBodyOf(request(id)).networks, [{ uuid: id }]);
});

test('a network that is not an id is refused as POST /servers refuses it', () => {
  assert.throws(
    () => createServerBodyOf(request('my-net')),
    (e) => e instanceof DomainError && e.kind === 'bad_request',
  );
});
