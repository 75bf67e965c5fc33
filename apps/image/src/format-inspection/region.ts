/**
 * Bytes [offset, offset + length) of a stream, copied as the stream passes by. Inspectors
 * ask for the regions they need (a header, then what the header points at); data only
 * flows forward, so a region behind the stream position can no longer be filled.
 */
export class Region {
  private readonly buf: Buffer;
  private filled = 0;

  constructor(
    readonly offset: number,
    readonly length: number,
  ) {
    this.buf = Buffer.alloc(length);
  }

  get isComplete(): boolean {
    return this.filled === this.length;
  }

  /** The captured bytes, once complete. */
  get data(): Buffer | undefined {
    return this.isComplete ? this.buf : undefined;
  }

  /** Copy the part of `chunk` (which starts at stream offset `at`) that falls inside this region. */
  feed(chunk: Uint8Array, at: number): void {
    const start = Math.max(this.offset, at);
    const end = Math.min(this.offset + this.length, at + chunk.length);
    if (end > start) {
      this.buf.set(chunk.subarray(start - at, end - at), start - this.offset);
      this.filled += end - start;
    }
  }
}

/** Earlier bytes of the stream still held by the caller (the first MiB), or undefined. */
export type History = (offset: number, length: number) => Buffer | undefined;

/** An inspector of one disk format, fed the stream and answering from the regions it captured. */
export abstract class FormatInspector {
  abstract readonly format: string;
  private readonly regions = new Map<string, Region>();
  /** Stream offset where the chunk being fed starts. */
  private position = 0;
  private current: { chunk: Uint8Array; history: History } | undefined;
  /** A region asked for after the stream passed its start and out of history: never filled. */
  private missedRegion = false;

  /**
   * Ask for a region (once; later asks for the same name are ignored). A region starting
   * behind the stream is filled from the caller's history when it still holds those bytes.
   */
  protected capture(name: string, offset: number, length: number): void {
    if (this.regions.has(name) || length <= 0) {
      return;
    }
    const r = new Region(offset, length);
    if (offset < this.position) {
      const past = this.current?.history(offset, Math.min(length, this.position - offset));
      if (!past) {
        this.missedRegion = true;
        return;
      }
      r.feed(past, offset);
    }
    if (this.current) {
      r.feed(this.current.chunk, this.position);
    }
    this.regions.set(name, r);
  }

  /** Every region asked for is captured or can no longer be: the answers will not change. */
  isSettled(): boolean {
    return this.missedRegion || [...this.regions.values()].every((r) => r.isComplete);
  }

  protected region(name: string): Buffer | undefined {
    return this.regions.get(name)?.data;
  }

  /** Feed the chunk starting at stream offset `at`; regions asked for meanwhile see it too. */
  feed(chunk: Uint8Array, at: number, history: History): void {
    this.position = at;
    this.current = { chunk, history };
    for (const r of this.regions.values()) {
      if (!r.isComplete) {
        r.feed(chunk, at);
      }
    }
    for (let n = -1; n !== this.regions.size; ) {
      n = this.regions.size;
      this.update();
    }
    this.current = undefined;
    this.position = at + chunk.length;
  }

  /** Called after every chunk: ask for the regions the completed ones point at. */
  protected update(): void {}

  /** True when the captured bytes are this format (false until they are there). */
  abstract matches(): boolean;

  /** The disk's virtual size in bytes, when the format records one and it was captured. */
  virtualSize(): number | undefined {
    return undefined;
  }

  /**
   * Why this image is unsafe to give to a hypervisor (a backing file, an external data
   * file, extents in other files ...), or undefined when it is safe. Only meaningful once
   * matches() is true.
   */
  safetyProblem(): string | undefined {
    return undefined;
  }
}
