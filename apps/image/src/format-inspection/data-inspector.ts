import type { DiskFormat } from '../images/image.model.js';
import { ImageFormatMismatch, UnsafeImage } from './format-inspection.errors.js';
import { IsoInspector } from './inspectors/iso.inspector.js';
import { Qcow2Inspector } from './inspectors/qcow2.inspector.js';
import { VdiInspector } from './inspectors/vdi.inspector.js';
import { VhdInspector } from './inspectors/vhd.inspector.js';
import { VhdxInspector } from './inspectors/vhdx.inspector.js';
import { VmdkInspector } from './inspectors/vmdk.inspector.js';
import type { FormatInspector } from './region.js';

/** Declared formats that are plain bytes to a hypervisor: an ISO 9660 image is harmless as one too. */
const RAW_LIKE: readonly string[] = ['raw', 'ami', 'ari', 'aki'];

const TAIL = 512;
/** Bytes kept from the start of the stream, for regions a header points back into. */
const HEAD = 1024 * 1024;

export interface InspectionResult {
  /** What the format records, or the size for raw data; null when unknown. */
  readonly virtualSize: number | null;
}

/**
 * Checks image bytes against the declared disk_format while they stream by, holding only
 * the few regions each format's header points at (and the last 512 bytes for VHD footers):
 *
 * - the data must be the declared format (raw-like formats: no recognised format, or ISO);
 * - the format's safety check must pass (no qcow2 backing or data file, no VMDK extents in
 *   other files, no VHDX parent), as Glance's format inspector requires since 2024.
 *
 * `tap` throws as soon as a violation is certain, aborting the upload early; `finish`
 * gives the verdict once the stream has ended.
 */
export class DataInspector {
  private readonly inspectors: FormatInspector[] = [
    new Qcow2Inspector(),
    new VmdkInspector(),
    new VhdInspector(),
    new VhdxInspector(),
    new VdiInspector(),
    new IsoInspector(),
  ];
  private position = 0;
  private tail = Buffer.alloc(0);
  private head = Buffer.alloc(0);
  private readonly history = (offset: number, length: number): Buffer | undefined =>
    offset + length <= this.head.length ? this.head.subarray(offset, offset + length) : undefined;

  constructor(private readonly declared: DiskFormat) {}

  async *tap(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) {
      this.feed(chunk);
      this.checkSettled();
      yield chunk;
    }
  }

  feed(chunk: Uint8Array): void {
    for (const i of this.inspectors) {
      i.feed(chunk, this.position, this.history);
    }
    this.position += chunk.length;
    if (this.head.length < HEAD) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, HEAD - this.head.length)]);
    }
    const keep = Buffer.from(chunk.subarray(Math.max(0, chunk.length - TAIL)));
    this.tail = Buffer.concat([this.tail, keep]).subarray(-TAIL);
  }

  /** The final verdict; throws ImageFormatMismatch or UnsafeImage. */
  finish(): InspectionResult {
    const vhd = this.inspectors.find((i): i is VhdInspector => i instanceof VhdInspector);
    const detected = this.detected();
    if (this.declared === 'vhd' && vhd) {
      vhd.checkTail(this.tail, this.position);
    }
    if (RAW_LIKE.includes(this.declared)) {
      const other = detected.find((i) => i.format !== 'iso');
      if (other) {
        throw new ImageFormatMismatch(this.declared, other.format);
      }
      return { virtualSize: this.position };
    }
    const own = this.inspectors.find((i) => i.format === this.declared);
    const foreign = detected.find((i) => i.format !== this.declared);
    if (!own?.matches() || foreign) {
      throw new ImageFormatMismatch(this.declared, foreign?.format ?? 'raw');
    }
    const problem = own.safetyProblem();
    if (problem) {
      throw new UnsafeImage(own.format, problem);
    }
    return { virtualSize: own.virtualSize() ?? null };
  }

  /** Formats recognised from the start of the data (a VHD footer at the end does not count). */
  private detected(): FormatInspector[] {
    return this.inspectors.filter((i) => (i instanceof VhdInspector ? i.matchesHeader() : i.matches()));
  }

  /** Abort early once a settled inspector proves the data wrong or unsafe. */
  private checkSettled(): void {
    for (const i of this.inspectors) {
      if (!i.isSettled() || !(i instanceof VhdInspector ? i.matchesHeader() : i.matches())) {
        continue;
      }
      const compatible = i.format === this.declared || (i.format === 'iso' && RAW_LIKE.includes(this.declared));
      if (!compatible) {
        throw new ImageFormatMismatch(this.declared, i.format);
      }
      const problem = i.format === this.declared ? i.safetyProblem() : undefined;
      if (problem) {
        throw new UnsafeImage(i.format, problem);
      }
    }
  }
}
