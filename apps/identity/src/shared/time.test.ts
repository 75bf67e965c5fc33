import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keystoneTime, parseTimestamp } from './time.js';

test('keystoneTime prints microseconds and Z', () => {
  assert.equal(keystoneTime(Date.UTC(2030, 0, 2, 3, 4, 5, 678)), '2030-01-02T03:04:05.678000Z');
});

test('parseTimestamp reads zone-less times as UTC and rejects junk', () => {
  assert.equal(parseTimestamp('2030-01-01T00:00:00'), Date.UTC(2030, 0, 1));
  assert.equal(parseTimestamp('2030-01-01T00:00:00Z'), Date.UTC(2030, 0, 1));
  assert.equal(parseTimestamp('2030-01-01T02:00:00+02:00'), Date.UTC(2030, 0, 1));
  assert.equal(parseTimestamp('2030-01-01'), Date.UTC(2030, 0, 1));
  assert.equal(parseTimestamp('2030-01-01T00:00:00.123456'), Date.UTC(2030, 0, 1, 0, 0, 0, 123));
  assert.equal(parseTimestamp('tomorrow'), undefined);
  assert.equal(parseTimestamp('2030-13-45T99:00:00'), undefined);
});
