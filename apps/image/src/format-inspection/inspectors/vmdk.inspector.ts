import { FormatInspector } from '../region.js';

const MAGIC = Buffer.from('KDMV', 'latin1');
const SECTOR = 512;
/** Largest embedded descriptor read. */
const MAX_DESCRIPTOR = 64 * 1024;
const ALLOWED_TYPES = ['monolithicSparse', 'streamOptimized'];

/**
 * VMDK with an embedded descriptor (monolithicSparse, streamOptimized), as Glance accepts
 * them. Unsafe: any other createType, or extents other than the one sparse extent of the
 * file itself (an extent can name any file of the compute host).
 */
export class VmdkInspector extends FormatInspector {
  readonly format = 'vmdk';

  constructor() {
    super();
    this.capture('header', 0, 512);
  }

  protected override update(): void {
    const h = this.region('header');
    if (h && this.matches()) {
      const offset = Number(h.readBigUInt64LE(28)) * SECTOR;
      const size = Math.min(Number(h.readBigUInt64LE(36)) * SECTOR, MAX_DESCRIPTOR);
      if (offset > 0) {
        this.capture('descriptor', offset, size);
      }
    }
  }

  matches(): boolean {
    const h = this.region('header');
    return h !== undefined && h.subarray(0, 4).equals(MAGIC);
  }

  override virtualSize(): number | undefined {
    const h = this.region('header');
    return h && this.matches() ? Number(h.readBigUInt64LE(12)) * SECTOR : undefined;
  }

  override safetyProblem(): string | undefined {
    const d = this.region('descriptor');
    if (!d) {
      return 'vmdk image has no readable embedded descriptor';
    }
    const text = d.toString('latin1').replace(/\0+$/, '');
    const type = /^\s*createType\s*=\s*"([^"]*)"/m.exec(text)?.[1];
    if (!type || !ALLOWED_TYPES.includes(type)) {
      return `vmdk createType "${type ?? ''}" is not allowed`;
    }
    const extents = text.split('\n').filter((l) => /^\s*(RW|RDONLY|NOACCESS)\s/.test(l));
    if (extents.length !== 1) {
      return `vmdk image has ${extents.length} extents`;
    }
    const m = /^\s*(RW|RDONLY|NOACCESS)\s+\d+\s+SPARSE\s+"([^"]*)"\s*$/.exec(extents[0] ?? '');
    if (!m || (m[2] ?? '').includes('/')) {
      return 'vmdk extent refers to another file';
    }
    return undefined;
  }
}
