import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkSameOrigin } from './csrf.ts';

const host = 'dash.example:3000';

test('a same-origin POST is accepted', () => {
  assert.deepEqual(
    checkSameOrigin({ origin: `http://${host}`, host, secFetchSite: 'same-origin' }),
    { ok: true },
  );
  assert.deepEqual(checkSameOrigin({ origin: `https://${host}`, host, secFetchSite: null }), {
    ok: true,
  });
});

test('another origin is refused, whatever Sec-Fetch-Site says', () => {
  const v = checkSameOrigin({ origin: 'https://evil.example', host, secFetchSite: null });
  assert.equal(v.ok, false);
  assert.equal(
    checkSameOrigin({ origin: `http://${host}.evil.example`, host, secFetchSite: 'same-origin' })
      .ok,
    false,
  );
});

test('a cross-site or same-site (sibling subdomain) request is refused by Sec-Fetch-Site', () => {
  assert.equal(
    checkSameOrigin({ origin: `http://${host}`, host, secFetchSite: 'cross-site' }).ok,
    false,
  );
  assert.equal(
    checkSameOrigin({ origin: `http://${host}`, host, secFetchSite: 'same-site' }).ok,
    false,
  );
  assert.equal(checkSameOrigin({ origin: `http://${host}`, host, secFetchSite: 'none' }).ok, false);
});

test('a request without Origin passes only with Sec-Fetch-Site: same-origin', () => {
  assert.equal(checkSameOrigin({ origin: null, host, secFetchSite: null }).ok, false);
  assert.equal(checkSameOrigin({ origin: null, host, secFetchSite: 'same-origin' }).ok, true);
});

test('"null" and malformed origins are refused', () => {
  assert.equal(checkSameOrigin({ origin: 'null', host, secFetchSite: null }).ok, false);
  assert.equal(checkSameOrigin({ origin: 'http://', host, secFetchSite: null }).ok, false);
  assert.equal(
    checkSameOrigin({ origin: `http://${host}`, host: null, secFetchSite: null }).ok,
    false,
  );
});
