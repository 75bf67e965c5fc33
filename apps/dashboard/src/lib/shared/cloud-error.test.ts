import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorParts, plainMessage, toCloudError } from './cloud-error.ts';

test('a service that is down is named, in plain words', () => {
  const e = toCloudError('object-store', {
    kind: 'unavailable',
    message: '14 UNAVAILABLE: No connection established',
  });
  assert.equal(e.kind, 'unavailable');
  assert.equal(
    e.message,
    'Object storage is not available right now: the service did not answer. Try again in a moment.',
  );
});

test("a request error keeps the service's own sentence", () => {
  const e = toCloudError('image', { kind: 'not_found', message: 'No image with ID 42 exists.' });
  assert.equal(e.message, 'No image with ID 42 exists.');
});

test('internal errors never show their detail, but carry the request id', () => {
  const msg = plainMessage('compute', 'internal', 'TypeError: x is undefined at foo.js:1', 'req-1');
  assert.doesNotMatch(msg, /TypeError/);
  assert.match(msg, /req-1/);
});

test('a generic forbidden gets a sentence about the project', () => {
  assert.equal(
    plainMessage(
      'identity',
      'forbidden',
      'You are not authorized to perform the requested action.',
    ),
    'You are not allowed to do this in this project.',
  );
});

test('errors without a kind are classified from their message', () => {
  assert.equal(errorParts(new Error('connect ECONNREFUSED 127.0.0.1:1')).kind, 'unavailable');
  assert.equal(
    errorParts(new Error('The operation was aborted due to timeout')).kind,
    'unavailable',
  );
  assert.equal(errorParts(new Error('boom')).kind, 'internal');
  assert.equal(errorParts('weird').kind, 'internal');
});
