import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createRootLogger, loggerFor } from './logger.js';
import { newRequestId, runWithContext, sanitizeRequestId } from './request-context.js';

test('lines are JSON with the request id, and secrets are redacted', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'log-')), 'out.log');
  const root = createRootLogger({ service: 'test', destination: file });
  const log = loggerFor('Thing');
  const id = newRequestId();
  runWithContext({ requestId: id }, () => {
    log.info({ user: { name: 'alice', password: 'hunter2' }, headers: { 'x-auth-token': 'tok' } }, 'hello');
  });
  root.flush();
  await new Promise((r) => setTimeout(r, 50));
  const line = JSON.parse(readFileSync(file, 'utf8').trim().split('\n')[0] ?? '{}') as Record<string, unknown>;
  assert.equal(line['request_id'], id);
  assert.equal(line['component'], 'Thing');
  assert.equal(line['msg'], 'hello');
  const text = readFileSync(file, 'utf8');
  assert.doesNotMatch(text, /hunter2/);
  assert.doesNotMatch(text, /"tok"/);
});

test('request ids from callers are accepted only when well formed', () => {
  assert.equal(sanitizeRequestId('req-123'), 'req-123');
  assert.equal(sanitizeRequestId('bad\r\nheader'), undefined);
  assert.equal(sanitizeRequestId('x'.repeat(200)), undefined);
  assert.match(newRequestId(), /^req-[0-9a-f-]{36}$/);
});
