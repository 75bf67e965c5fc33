import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseArgs, UsageError } from './cli-args.js';

test('each command parses, flags only where they belong', () => {
  assert.deepEqual(parseArgs(['up']), { command: 'up', flags: { yes: false, json: false } });
  assert.deepEqual(parseArgs(['reset', '--yes']).flags, { yes: true, json: false });
  assert.deepEqual(parseArgs(['reset', '-y']).flags, { yes: true, json: false });
  assert.deepEqual(parseArgs(['status', '--json']).flags, { yes: false, json: true });
});

test('no command, --help and -h mean help', () => {
  assert.equal(parseArgs([]).command, 'help');
  assert.equal(parseArgs(['--help']).command, 'help');
  assert.equal(parseArgs(['up', '-h']).command, 'help');
});

test('unknown commands and misplaced flags are usage errors', () => {
  assert.throws(() => parseArgs(['start']), UsageError);
  assert.throws(() => parseArgs(['up', '--yes']), /up does not take "--yes"/);
  assert.throws(() => parseArgs(['status', 'extra']), UsageError);
});
