/**
 * Test helper run as a child process by fs-blob-store.int.test.ts: starts a PUT of
 * `key` under `root` that writes 2 MiB, prints `writing`, then stalls forever, so the
 * test can kill -9 it in the middle of the write.
 */
import { Readable } from 'node:stream';
import { FsBlobStore } from './fs-blob-store.js';

const [root, key] = process.argv.slice(2);
if (!root || !key) {
  throw new Error('usage: fs-crash-writer <root> <key>');
}
let sent = 0;
const body = new Readable({
  read() {
    if (sent < 2) {
      sent++;
      this.push(Buffer.alloc(1024 * 1024, 0x61));
    } else if (sent === 2) {
      sent++;
      setTimeout(() => process.stdout.write('writing\n'), 200);
    }
  },
});
void new FsBlobStore(root).put(key, body);
setInterval(() => undefined, 1000);
