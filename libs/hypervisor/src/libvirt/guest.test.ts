import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { LibvirtGuest } from './guest.js';
import type { LibvirtHost } from './host.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

test('the Domain handed to a native call is not collected before the call settles', async () => {
  let weak: WeakRef<object> | undefined;
  let finish: (() => void) | undefined;
  // Shaped like @unraid/libvirt: the lookup returns a wrapper; the call keeps no reference
  // to it while it runs (the binding's worker holds only the raw pointer).
  const lv = {
    domainLookupByUUIDString: () => {
      const dom = {};
      weak = new WeakRef(dom);
      return Promise.resolve(dom);
    },
    domainCreate: (_dom: object) =>
      new Promise<void>((resolve) => {
        finish = resolve;
      }),
  };
  const host = { call: (_ctx: unknown, fn: (c: unknown) => unknown) => fn({ lv }) };
  const started = new LibvirtGuest(host as unknown as LibvirtHost, 'a-uuid').create();

  for (let i = 0; i < 3; i++) {
    await nextTurn();
    gc();
  }
  assert.ok(finish, 'domainCreate was called');
  assert.ok(weak?.deref(), 'the Domain was collected while domainCreate ran');

  finish();
  await started;
  await nextTurn();
  gc();
  assert.equal(weak?.deref(), undefined, 'the Domain is released once the call settled');
});
