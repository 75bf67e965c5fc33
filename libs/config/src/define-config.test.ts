import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, defineConfig } from './define-config.js';
import { bool, duration, int, oneOf, optionalStr, port, url } from './fields.js';

const cfg = defineConfig({
  PORT: port({ help: 'port', default: 8080 }),
  WORKERS: int({ help: 'workers', default: 2, min: 1 }),
  BACKEND: oneOf(['fs', 's3'], { help: 'backend', default: 'fs' }),
  S3_ENDPOINT: url({ help: 's3', requiredWhen: (e) => e['BACKEND'] === 's3' }),
  SECRET: optionalStr({ help: 'secret', sensitive: true }),
  TTL: duration({ help: 'ttl', default: 3_600_000 }),
  DEBUG: bool({ help: 'debug', default: false }),
});

test('defaults apply and the result is frozen', () => {
  const c = cfg.from({});
  assert.equal(c.PORT, 8080);
  assert.equal(c.BACKEND, 'fs');
  assert.equal(c.S3_ENDPOINT, undefined);
  assert.equal(c.TTL, 3_600_000);
  assert.ok(Object.isFrozen(c));
});

test('parses values', () => {
  const c = cfg.from({ PORT: '9000', TTL: '15m', DEBUG: 'yes', BACKEND: 's3', S3_ENDPOINT: 'http://127.0.0.1:9000/' });
  assert.equal(c.PORT, 9000);
  assert.equal(c.TTL, 900_000);
  assert.equal(c.DEBUG, true);
  assert.equal(c.S3_ENDPOINT, 'http://127.0.0.1:9000');
});

test('reports every problem at once and hides sensitive values', () => {
  assert.throws(
    () => cfg.from({ PORT: 'abc', WORKERS: '0', BACKEND: 's3', DEBUG: 'maybe' }),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.equal(err.problems.length, 4);
      assert.match(err.message, /PORT="abc": is not a port/);
      assert.match(err.message, /WORKERS="0": must be at least 1/);
      assert.match(err.message, /S3_ENDPOINT: is required/);
      assert.match(err.message, /DEBUG="maybe"/);
      return true;
    },
  );
});
