import { FormatInspector } from '../region.js';

const COOKIE = Buffer.from('conectix', 'latin1');

/**
 * VHD (Virtual PC): a dynamic VHD starts with a copy of its footer, a fixed one has it only
 * in the last 512 bytes (the caller feeds the tail through checkTail).
 */
export class VhdInspector extends FormatInspector {
  readonly format = 'vhd';
  private tailFooter: Buffer | undefined;
  private size = 0;

  constructor() {
    super();
    this.capture('header', 0, 512);
  }

  /** The last 512 bytes of the image, once the stream has ended. */
  checkTail(tail: Buffer, size: number): void {
    if (tail.length === 512 && tail.subarray(0, 8).equals(COOKIE)) {
      this.tailFooter = tail;
      this.size = size;
    }
  }

  private footer(): Buffer | undefined {
    const h = this.region('header');
    return h?.subarray(0, 8).equals(COOKIE) ? h : this.tailFooter;
  }

  /** Detected from the start of the image only (what a fixed VHD's tail says is not a reason to refuse raw data). */
  matchesHeader(): boolean {
    return this.region('header')?.subarray(0, 8).equals(COOKIE) ?? false;
  }

  matches(): boolean {
    return this.footer() !== undefined;
  }

  /** A dynamic VHD's footer says; a fixed one is its data, all but the footer (as qemu reads it). */
  override virtualSize(): number | undefined {
    if (this.matchesHeader()) {
      return Number(this.region('header')?.readBigUInt64BE(48));
    }
    return this.tailFooter ? this.size - 512 : undefined;
  }
}
