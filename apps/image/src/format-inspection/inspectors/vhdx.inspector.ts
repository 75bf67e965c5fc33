import { FormatInspector } from '../region.js';

/** A GUID as stored on disk (first three fields little-endian). */
export function guidBytes(guid: string): Buffer {
  const hex = guid.replace(/-/g, '');
  const b = Buffer.from(hex, 'hex');
  return Buffer.concat([
    Buffer.from(b.subarray(0, 4)).reverse(),
    Buffer.from(b.subarray(4, 6)).reverse(),
    Buffer.from(b.subarray(6, 8)).reverse(),
    b.subarray(8),
  ]);
}

const METADATA_REGION = guidBytes('8B7CA206-4790-4B9A-B8FE-575F050F886E');
const VIRTUAL_DISK_SIZE = guidBytes('2FA54224-CD1B-4876-B211-5DBED83BF4B8');
const FILE_PARAMETERS = guidBytes('CAA16737-FA36-4D43-B3B6-33F0AA44E76B');
const PARENT_LOCATOR = guidBytes('A8D35F2D-B30B-454D-ABF7-D3D84834AB0C');
const REGION_TABLE = 192 * 1024;
const METADATA_TABLE = 64 * 1024;

interface MetadataItem {
  readonly offset: number;
  readonly length: number;
}

/**
 * VHDX: signature, then the region table (at 192 KiB) points at the metadata region, whose
 * table points at the virtual disk size. Unsafe: a differencing disk (parent locator),
 * which names another file.
 */
export class VhdxInspector extends FormatInspector {
  readonly format = 'vhdx';
  private metadataOffset: number | undefined;
  private items = new Map<string, MetadataItem>();

  constructor() {
    super();
    this.capture('signature', 0, 8);
    this.capture('regions', REGION_TABLE, 64 * 1024);
  }

  protected override update(): void {
    if (this.metadataOffset === undefined) {
      this.metadataOffset = this.findMetadataRegion();
      if (this.metadataOffset !== undefined) {
        this.capture('metadata', this.metadataOffset, METADATA_TABLE);
      }
    }
    const table = this.region('metadata');
    if (table && this.items.size === 0 && this.metadataOffset !== undefined) {
      this.readItems(table, this.metadataOffset);
    }
  }

  private findMetadataRegion(): number | undefined {
    const r = this.region('regions');
    if (!r || r.subarray(0, 4).toString('latin1') !== 'regi') {
      return undefined;
    }
    const count = Math.min(r.readUInt32LE(8), 2047);
    for (let i = 0; i < count; i++) {
      const e = r.subarray(16 + i * 32, 16 + (i + 1) * 32);
      if (e.subarray(0, 16).equals(METADATA_REGION)) {
        return Number(e.readBigUInt64LE(16));
      }
    }
    return undefined;
  }

  private readItems(table: Buffer, base: number): void {
    if (table.subarray(0, 8).toString('latin1') !== 'metadata') {
      return;
    }
    const count = Math.min(table.readUInt16LE(10), 2047);
    for (let i = 0; i < count; i++) {
      const e = table.subarray(32 + i * 32, 32 + (i + 1) * 32);
      const item = { offset: base + e.readUInt32LE(16), length: e.readUInt32LE(20) };
      this.items.set(e.subarray(0, 16).toString('hex'), item);
      if (e.subarray(0, 16).equals(VIRTUAL_DISK_SIZE)) {
        this.capture('size', item.offset, 8);
      } else if (e.subarray(0, 16).equals(FILE_PARAMETERS)) {
        this.capture('params', item.offset, 8);
      }
    }
  }

  matches(): boolean {
    return this.region('signature')?.toString('latin1') === 'vhdxfile';
  }

  override virtualSize(): number | undefined {
    const s = this.region('size');
    return s ? Number(s.readBigUInt64LE(0)) : undefined;
  }

  override safetyProblem(): string | undefined {
    const params = this.region('params');
    if (!params) {
      return 'vhdx metadata is incomplete';
    }
    if (this.items.has(PARENT_LOCATOR.toString('hex')) || (params.readUInt32LE(4) & 0b10) !== 0) {
      return 'vhdx image is a differencing disk with a parent file';
    }
    return undefined;
  }
}
