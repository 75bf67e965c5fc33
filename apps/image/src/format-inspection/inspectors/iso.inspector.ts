import { FormatInspector } from '../region.js';

const SECTOR = 2048;
const FIRST_DESCRIPTOR = 16 * SECTOR;

/** ISO 9660: "CD001" volume descriptors from sector 16; the primary one gives the size. */
export class IsoInspector extends FormatInspector {
  readonly format = 'iso';

  constructor() {
    super();
    this.capture('descriptors', FIRST_DESCRIPTOR, 3 * SECTOR);
  }

  private primary(): Buffer | undefined {
    const d = this.region('descriptors');
    if (!d) {
      return undefined;
    }
    for (let i = 0; i < 3; i++) {
      const v = d.subarray(i * SECTOR, (i + 1) * SECTOR);
      if (v.subarray(1, 6).toString('latin1') === 'CD001' && v[0] === 1) {
        return v;
      }
    }
    return undefined;
  }

  matches(): boolean {
    const d = this.region('descriptors');
    return d !== undefined && [0, 1, 2].some((i) => d.subarray(i * SECTOR + 1, i * SECTOR + 6).toString('latin1') === 'CD001');
  }

  override virtualSize(): number | undefined {
    const p = this.primary();
    return p ? p.readUInt32LE(80) * p.readUInt16LE(128) : undefined;
  }
}
