import { Worker } from 'node:worker_threads';

/**
 * MD5 in a worker thread, for large bodies. Node's MD5 runs at about 600 MB/s on one core
 * of this kind of machine: on the event loop, hashing alone held a 256 MiB upload near
 * 250 MB/s, since reading the socket and queueing the writes wait behind it. Off the
 * event loop it overlaps with them.
 *
 * Bytes travel in BLOCK_BYTES blocks that move (transfer, no copy) to the worker and come
 * back to be reused, so a steady upload allocates nothing and leaves V8 no garbage to
 * collect. Up to KEPT_BLOCKS free blocks are kept; more concurrent uploads allocate more,
 * and those are let go when they come back. One worker serves the process; each hash has
 * an id, and its blocks are hashed in the order they were sent.
 */
export const BLOCK_BYTES = 1 << 20;
const KEPT_BLOCKS = 8;
/**
 * Blocks of one hash sent to the worker and not hashed yet, at most. MD5 (about 600 MB/s on
 * one core) is slower than loopback and the page cache: without a bound, a fast client's
 * upload queued its blocks in the worker's inbox and the process grew by tens of MB.
 */
export const MAX_QUEUED_BLOCKS = 4;

const SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const hashes = new Map();
parentPort.on('message', (m) => {
  if (m.op === 'update') {
    let h = hashes.get(m.id);
    if (!h) { h = createHash('md5'); hashes.set(m.id, h); }
    m.bufs.forEach((buf, i) => h.update(new Uint8Array(buf, 0, m.lengths[i])));
    parentPort.postMessage({ op: 'blocks', id: m.id, bufs: m.bufs }, m.bufs);
  } else if (m.op === 'digest') {
    const h = hashes.get(m.id) || createHash('md5');
    hashes.delete(m.id);
    parentPort.postMessage({ op: 'digest', id: m.id, hex: h.digest('hex') });
  } else if (m.op === 'drop') {
    hashes.delete(m.id);
  }
});
`;

type Message = { op: 'blocks'; id: number; bufs: ArrayBuffer[] } | { op: 'digest'; id: number; hex: string };

/** A filled block and how many of its bytes count. */
export interface FilledBlock {
  readonly buf: Buffer;
  readonly length: number;
}

/** Per hash: blocks in the worker not yet hashed, and who waits for that number to drop. */
interface Queue {
  queued: number;
  waiters: (() => void)[];
}

class Md5Worker {
  private readonly worker: Worker;
  private readonly free: ArrayBuffer[] = [];
  private readonly digests = new Map<number, { resolve: (hex: string) => void; reject: (err: Error) => void }>();
  private readonly queues = new Map<number, Queue>();
  private users = 0;

  constructor() {
    this.worker = new Worker(SOURCE, { eval: true });
    this.worker.unref();
    // An unref() made before the worker is online does not hold: its message port is
    // referenced again as the thread starts, and an idle process would never exit.
    this.worker.once('online', () => this.users === 0 && this.worker.unref());
    this.worker.on('message', (m: Message) => (m.op === 'blocks' ? this.hashed(m.id, m.bufs) : this.settle(m.id, m.hex)));
    this.worker.on('error', (err) => {
      this.digests.forEach((d) => d.reject(err));
      this.digests.clear();
      this.queues.forEach((q) => q.waiters.splice(0).forEach((wake) => wake()));
      this.queues.clear();
    });
  }

  /** A free block to fill. */
  block(): Buffer {
    return Buffer.from(this.free.pop() ?? new ArrayBuffer(BLOCK_BYTES));
  }

  /**
   * Hashes the blocks' bytes next for hash `id`, in order, with one message each way; the
   * blocks leave the caller.
   */
  update(id: number, blocks: readonly FilledBlock[]): void {
    const bufs = blocks.map((b) => b.buf.buffer as ArrayBuffer);
    const q = this.queues.get(id) ?? { queued: 0, waiters: [] };
    q.queued += bufs.length;
    this.queues.set(id, q);
    this.worker.postMessage({ op: 'update', id, bufs, lengths: blocks.map((b) => b.length) }, bufs);
  }

  /** Blocks hash `id` may still queue before reaching MAX_QUEUED_BLOCKS. */
  room(id: number): number {
    return Math.max(0, MAX_QUEUED_BLOCKS - (this.queues.get(id)?.queued ?? 0));
  }

  /** Resolves once fewer than MAX_QUEUED_BLOCKS blocks of hash `id` wait in the worker. */
  capacity(id: number): Promise<void> | undefined {
    const q = this.queues.get(id);
    if (!q || this.room(id) > 0) {
      return undefined;
    }
    return new Promise((resolve) => q.waiters.push(resolve));
  }

  /** Returns a block that was filled but not sent. */
  giveBack(block: Buffer): void {
    this.release(block.buffer as ArrayBuffer);
  }

  digest(id: number): Promise<string> {
    return new Promise((resolve, reject) => {
      this.digests.set(id, { resolve, reject });
      this.worker.postMessage({ op: 'digest', id });
    });
  }

  drop(id: number): void {
    this.worker.postMessage({ op: 'drop', id });
    this.forget(id);
  }

  /** Stops counting hash `id`'s blocks (its digest was asked for, or it was dropped). */
  forget(id: number): void {
    this.queues.get(id)?.waiters.splice(0).forEach((wake) => wake());
    this.queues.delete(id);
  }

  /** Keeps the process alive only while some hash is in progress. */
  use(delta: 1 | -1): void {
    this.users += delta;
    if (this.users > 0) {
      this.worker.ref();
    } else {
      this.worker.unref();
    }
  }

  private hashed(id: number, bufs: ArrayBuffer[]): void {
    bufs.forEach((ab) => this.release(ab));
    const q = this.queues.get(id);
    if (q) {
      q.queued -= bufs.length;
      if (q.queued < MAX_QUEUED_BLOCKS) {
        q.waiters.splice(0).forEach((wake) => wake());
      }
    }
  }

  private release(ab: ArrayBuffer): void {
    if (this.free.length < KEPT_BLOCKS) {
      this.free.push(ab);
    }
  }

  private settle(id: number, hex: string): void {
    this.digests.get(id)?.resolve(hex);
    this.digests.delete(id);
  }
}

let shared: Md5Worker | undefined;

/**
 * Starts the process's MD5 worker now rather than at the first large upload, which
 * otherwise pays for the thread and its V8 isolate (about 0.1 s of CPU, a quarter of
 * hashing 256 MiB). The worker does not keep the process alive while idle.
 */
export function startMd5Worker(): void {
  sharedWorker();
}

function sharedWorker(): Md5Worker {
  return (shared ??= new Md5Worker());
}
let nextId = 1;

/** One MD5 computed by the worker from blocks filled by the caller. */
export class OffThreadMd5 {
  private readonly id = nextId++;
  private readonly worker = sharedWorker();
  private done = false;

  constructor() {
    this.worker.use(1);
  }

  /** A free block of BLOCK_BYTES to fill, then pass to `update` (or `giveBack`). */
  block(): Buffer {
    return this.worker.block();
  }

  /**
   * Hashes the blocks next (the first `length` bytes of each), in order, in one message;
   * they must not be used afterwards.
   */
  update(blocks: readonly FilledBlock[]): void {
    this.worker.update(this.id, blocks);
  }

  /** How many more blocks may be sent now without passing MAX_QUEUED_BLOCKS. */
  room(): number {
    return this.worker.room(this.id);
  }

  /**
   * Resolves when the worker has room for another block of this hash (undefined: it has
   * now). A caller that awaits it before each update keeps at most MAX_QUEUED_BLOCKS of
   * its blocks queued, whatever the speed of its source.
   */
  capacity(): Promise<void> | undefined {
    return this.worker.capacity(this.id);
  }

  giveBack(block: Buffer): void {
    this.worker.giveBack(block);
  }

  /** The hex digest of everything updated so far. */
  digest(): Promise<string> {
    this.worker.forget(this.id);
    return this.worker.digest(this.id).finally(() => this.finish());
  }

  /** Forgets this hash (a failed upload). */
  drop(): void {
    if (!this.done) {
      this.worker.drop(this.id);
      this.finish();
    }
  }

  private finish(): void {
    if (!this.done) {
      this.done = true;
      this.worker.use(-1);
    }
  }
}
