import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { Subject, lastValueFrom, toArray } from 'rxjs';
import { fromClientStream, toServerStream } from './stream-bridge.js';

test('a client stream pauses the call while messages wait and resumes as they drain', async () => {
  const subject = new Subject<number>();
  const calls: string[] = [];
  const call = { pause: () => calls.push('pause'), resume: () => calls.push('resume') };
  const it = fromClientStream(subject, call, 4);
  for (let i = 0; i < 6; i++) {
    subject.next(i);
  }
  subject.complete();
  assert.ok(calls.includes('pause'));
  await new Promise((r) => setImmediate(() => setImmediate(r)));
  const got: number[] = [];
  for await (const v of it) {
    got.push(v);
  }
  assert.deepEqual(got, [0, 1, 2, 3, 4, 5]);
  assert.ok(calls.lastIndexOf('resume') > calls.indexOf('pause'));
});

test('the call stays paused until Nest has replayed the early messages', async () => {
  const subject = new Subject<number>();
  const calls: string[] = [];
  const it = fromClientStream(subject, { pause: () => calls.push('pause'), resume: () => calls.push('resume') });
  assert.deepEqual(calls, ['pause']);
  subject.next(1);
  assert.deepEqual(await it.next(), { value: 1, done: false });
  assert.ok(!calls.includes('resume'), 'reading does not resume a held call');
  await new Promise((r) => setImmediate(() => setImmediate(r)));
  assert.equal(calls.at(-1), 'resume');
  subject.complete();
  assert.equal((await it.next()).done, true);
});

test('messages sent before anyone reads are not lost, and errors arrive', async () => {
  const subject = new Subject<number>();
  const it = fromClientStream(subject);
  subject.next(1);
  subject.error(new Error('boom'));
  assert.deepEqual(await it.next(), { value: 1, done: false });
  await assert.rejects(it.next(), /boom/);
});

test('a server stream waits for drain before producing more', async () => {
  const call = Object.assign(new EventEmitter(), { writableNeedDrain: true });
  let produced = 0;
  const obs = toServerStream(async function* () {
    for (let i = 0; i < 3; i++) {
      produced++;
      yield await Promise.resolve(i);
    }
  }, call);
  const all = lastValueFrom(obs.pipe(toArray()));
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(produced, 1, 'blocked on drain after the first message');
  call.writableNeedDrain = false;
  call.emit('drain');
  assert.deepEqual(await all, [0, 1, 2]);
});
