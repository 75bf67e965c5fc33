/**
 * The tiny guest: a 512-byte MBR boot sector whose code sets up COM1 (0x3f8, 115200 8N1),
 * writes one line to it and halts with interrupts off. BIOS loads it at 0000:7c00. The
 * machine code is assembled here, byte by byte, so the image needs no assembler package.
 */

export const BOOT_SECTOR_LINE = 'tinystack-guest: hello from the boot sector';

const COM1 = 0x3f8;
const ORIGIN = 0x7c00;

/** A very small 16-bit assembler: bytes, labels, rel8 jumps and abs16 label addresses. */
class Asm {
  readonly bytes: number[] = [];
  private readonly labels = new Map<string, number>();
  private readonly rel8: Array<{ at: number; label: string }> = [];
  private readonly abs16: Array<{ at: number; label: string }> = [];

  emit(...b: number[]): this {
    this.bytes.push(...b);
    return this;
  }
  label(name: string): this {
    this.labels.set(name, this.bytes.length);
    return this;
  }
  /** `op rel8` (jz 0x74, jmp 0xeb). */
  jump(op: number, label: string): this {
    this.emit(op, 0);
    this.rel8.push({ at: this.bytes.length - 1, label });
    return this;
  }
  /** `op imm16` where imm16 is a label's address. */
  addr(op: number, label: string): this {
    this.emit(op, 0, 0);
    this.abs16.push({ at: this.bytes.length - 2, label });
    return this;
  }
  movDx(port: number): this {
    return this.emit(0xba, port & 0xff, port >> 8); // mov dx, imm16
  }
  outAl(value: number): this {
    return this.emit(0xb0, value, 0xee); // mov al, imm8; out dx, al
  }
  link(): number[] {
    const at = (label: string) => {
      const v = this.labels.get(label);
      if (v === undefined) {
        throw new Error(`undefined label ${label}`);
      }
      return v;
    };
    for (const f of this.rel8) {
      const rel = at(f.label) - (f.at + 1);
      if (rel < -128 || rel > 127) {
        throw new Error(`jump to ${f.label} out of range`);
      }
      this.bytes[f.at] = rel & 0xff;
    }
    for (const f of this.abs16) {
      const a = ORIGIN + at(f.label);
      this.bytes[f.at] = a & 0xff;
      this.bytes[f.at + 1] = a >> 8;
    }
    return this.bytes;
  }
}

function program(line: string): number[] {
  const a = new Asm();
  a.emit(0xfa, 0xfc); // cli; cld
  a.emit(0x31, 0xc0, 0x8e, 0xd8, 0x8e, 0xd0); // xor ax,ax; mov ds,ax; mov ss,ax
  a.emit(0xbc, 0x00, 0x7c); // mov sp, 0x7c00
  a.movDx(COM1 + 1).outAl(0x00); // IER: no interrupts
  a.movDx(COM1 + 3).outAl(0x80); // LCR: DLAB on
  a.movDx(COM1 + 0).outAl(0x01); // divisor 1 = 115200 baud
  a.movDx(COM1 + 1).outAl(0x00);
  a.movDx(COM1 + 3).outAl(0x03); // 8N1, DLAB off
  a.addr(0xbe, 'msg'); // mov si, msg
  a.label('next').emit(0xac, 0x84, 0xc0); // lodsb; test al,al
  a.jump(0x74, 'halt'); // jz halt
  a.emit(0x88, 0xc4); // mov ah, al
  a.movDx(COM1 + 5); // LSR
  a.label('wait').emit(0xec, 0xa8, 0x20); // in al,dx; test al, 0x20 (THR empty)
  a.jump(0x74, 'wait');
  a.emit(0x88, 0xe0); // mov al, ah
  a.movDx(COM1).emit(0xee); // out dx, al
  a.jump(0xeb, 'next');
  a.label('halt').emit(0xfa, 0xf4); // cli; hlt
  a.jump(0xeb, 'halt');
  a.label('msg').emit(...Buffer.from(`${line}\r\n`, 'latin1'), 0);
  return a.link();
}

/** The 512-byte image: code, message, zero padding, 0x55 0xaa. */
export function bootSectorImage(line = BOOT_SECTOR_LINE): Buffer {
  if (!/^[\x20-\x7e]+$/.test(line)) {
    throw new Error('the boot-sector line must be printable ASCII');
  }
  const code = program(line);
  if (code.length > 510) {
    throw new Error(`boot sector code is ${code.length} bytes, more than 510`);
  }
  const img = Buffer.alloc(512);
  Buffer.from(code).copy(img);
  img[510] = 0x55;
  img[511] = 0xaa;
  return img;
}
