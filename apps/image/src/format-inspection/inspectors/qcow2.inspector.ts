import { FormatInspector } from '../region.js';

const MAGIC = Buffer.from('QFI\xfb', 'latin1');
/** Incompatible feature bits qemu knows: dirty, corrupt, external data file, compression type, extended L2. */
const KNOWN_INCOMPATIBLE = 0b11111n;
const EXTERNAL_DATA_FILE = 1n << 2n;

/**
 * qcow2 (and qcow1's successor header). Unsafe: a backing file (the guest would read a
 * file of the compute host), an external data file, or incompatible features qemu may
 * interpret in ways we cannot check (Glance's QcowInspector, CVE-2024-32498).
 */
export class Qcow2Inspector extends FormatInspector {
  readonly format = 'qcow2';

  constructor() {
    super();
    this.capture('header', 0, 512);
  }

  matches(): boolean {
    const h = this.region('header');
    return h !== undefined && h.subarray(0, 4).equals(MAGIC);
  }

  override virtualSize(): number | undefined {
    const h = this.region('header');
    return h && this.matches() ? Number(h.readBigUInt64BE(24)) : undefined;
  }

  override safetyProblem(): string | undefined {
    const h = this.region('header');
    if (!h) {
      return 'qcow2 header is incomplete';
    }
    const version = h.readUInt32BE(4);
    if (version !== 2 && version !== 3) {
      return `qcow2 version ${version} is not supported`;
    }
    if (h.readBigUInt64BE(8) !== 0n || h.readUInt32BE(16) !== 0) {
      return 'qcow2 image has a backing file';
    }
    if (version === 3) {
      const incompatible = h.readBigUInt64BE(72);
      if (incompatible & EXTERNAL_DATA_FILE) {
        return 'qcow2 image has an external data file';
      }
      if (incompatible & ~KNOWN_INCOMPATIBLE) {
        return 'qcow2 image has unknown incompatible features';
      }
    }
    return undefined;
  }
}
