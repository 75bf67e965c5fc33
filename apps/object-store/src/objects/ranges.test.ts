import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateConditionals } from './conditionals.js';
import { parseRange } from './ranges.js';

test('single, suffix, open and multiple ranges', () => {
  assert.deepEqual(parseRange('bytes=0-9', 100), { kind: 'ranges', ranges: [{ start: 0, end: 9 }] });
  assert.deepEqual(parseRange('bytes=-10', 100), { kind: 'ranges', ranges: [{ start: 90, end: 99 }] });
  assert.deepEqual(parseRange('bytes=95-', 100), { kind: 'ranges', ranges: [{ start: 95, end: 99 }] });
  assert.deepEqual(parseRange('bytes=90-200', 100), { kind: 'ranges', ranges: [{ start: 90, end: 99 }] });
  assert.deepEqual(parseRange('bytes=0-0,-1', 100), { kind: 'ranges', ranges: [{ start: 0, end: 0 }, { start: 99, end: 99 }] });
});

test('unsatisfiable and malformed ranges', () => {
  assert.deepEqual(parseRange('bytes=100-', 100), { kind: 'unsatisfiable' });
  assert.deepEqual(parseRange('bytes=-0', 100), { kind: 'unsatisfiable' });
  assert.deepEqual(parseRange('bytes=5-1', 100), { kind: 'full' });
  assert.deepEqual(parseRange('lines=1-2', 100), { kind: 'full' });
  assert.deepEqual(parseRange('bytes=a-b', 100), { kind: 'full' });
  assert.deepEqual(parseRange(undefined, 100), { kind: 'full' });
  assert.deepEqual(parseRange('bytes=0-1', 0), { kind: 'unsatisfiable' });
});

test('conditional headers', () => {
  const lm = Date.parse('Wed, 01 Jan 2025 00:00:00 GMT');
  assert.equal(evaluateConditionals({ ifMatch: '"abc"' }, 'abc', lm), 'proceed');
  assert.equal(evaluateConditionals({ ifMatch: 'zzz' }, 'abc', lm), 'precondition_failed');
  assert.equal(evaluateConditionals({ ifMatch: '*' }, 'abc', lm), 'proceed');
  assert.equal(evaluateConditionals({ ifNoneMatch: 'abc' }, 'abc', lm), 'not_modified');
  assert.equal(evaluateConditionals({ ifNoneMatch: '*' }, 'abc', lm), 'not_modified');
  assert.equal(evaluateConditionals({ ifModifiedSince: 'Wed, 01 Jan 2025 00:00:00 GMT' }, 'abc', lm), 'not_modified');
  assert.equal(evaluateConditionals({ ifModifiedSince: 'Tue, 31 Dec 2024 00:00:00 GMT' }, 'abc', lm), 'proceed');
  assert.equal(evaluateConditionals({ ifUnmodifiedSince: 'Tue, 31 Dec 2024 00:00:00 GMT' }, 'abc', lm), 'precondition_failed');
  assert.equal(evaluateConditionals({ ifModifiedSince: 'garbage' }, 'abc', lm), 'proceed');
});
