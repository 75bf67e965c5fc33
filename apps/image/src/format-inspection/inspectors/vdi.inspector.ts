import { FormatInspector } from '../region.js';

const SIGNATURE = 0xbeda107f;

/** VirtualBox VDI: signature at 0x40, disk size at 0x170. */
export class VdiInspector extends FormatInspector {
  readonly format = 'vdi';

  constructor() {
    super();
    this.capture('header', 0, 512);
  }

  matches(): boolean {
    return this.region('header')?.readUInt32LE(0x40) === SIGNATURE;
  }

  override virtualSize(): number | undefined {
    const h = this.region('header');
    return h && this.matches() ? Number(h.readBigUInt64LE(0x170)) : undefined;
  }
}
