import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { DiskFormat } from '../driver/guest.types.js';
import { hypervisorFailure, invalidGuestSpec } from '../driver/hypervisor.errors.js';

const run = promisify(execFile);

/** What `qemu-img info --output=json` says about an image (the fields we use). */
export interface ImageFacts {
  readonly format: string;
  readonly virtualSize: number;
  readonly actualSize: number;
  readonly backingFile: string | undefined;
  /** qcow2 external data file, which like a backing file points at another host path. */
  readonly dataFile: string | undefined;
}

interface RawInfo {
  format?: string;
  'virtual-size'?: number;
  'actual-size'?: number;
  'backing-filename'?: string;
  'full-backing-filename'?: string;
  'format-specific'?: { data?: { 'data-file'?: string } };
}

/**
 * qemu-img through execFile: absolute paths as separate arguments, no shell, bounded time
 * and output. Image files handed to it are ours (the cache, instance dirs), never user paths.
 */
export class QemuImg {
  constructor(private readonly binary = '/usr/bin/qemu-img') {}

  private async exec(args: string[], timeoutMs = 120_000): Promise<string> {
    try {
      const { stdout } = await run(this.binary, args, {
        timeout: timeoutMs,
        maxBuffer: 4 * 1024 * 1024,
      });
      return stdout;
    } catch (err) {
      const e = err as Error & { stderr?: string };
      throw hypervisorFailure(`qemu-img ${args[0]} failed: ${(e.stderr ?? e.message).trim()}`);
    }
  }

  /**
   * Probe an image. `format` pins the driver (no probing); without it qemu-img guesses,
   * which is only ever done on a file we then check against what the image service declared.
   * qemu-img info opens only the top image (no backing chain).
   */
  async info(path: string, format?: DiskFormat): Promise<ImageFacts> {
    const args = ['info', '--output=json', ...(format ? ['-f', format] : []), path];
    const raw = JSON.parse(await this.exec(args, 30_000)) as RawInfo;
    return {
      format: raw.format ?? 'unknown',
      virtualSize: raw['virtual-size'] ?? 0,
      actualSize: raw['actual-size'] ?? 0,
      backingFile: raw['full-backing-filename'] ?? raw['backing-filename'],
      dataFile: raw['format-specific']?.data?.['data-file'],
    };
  }

  /** A qcow2 overlay of `base` (copy-on-write), `sizeBytes` large. */
  async createOverlay(
    base: string,
    baseFormat: DiskFormat,
    path: string,
    sizeBytes: number,
  ): Promise<void> {
    await this.exec([
      'create',
      '-q',
      '-f',
      'qcow2',
      '-b',
      base,
      '-F',
      baseFormat,
      path,
      String(sizeBytes),
    ]);
  }

  /**
   * Flatten `src` (with its backing chain) into a new `dstFormat` image. `forceShare` reads
   * an image a running QEMU holds open (the guest is paused by the caller meanwhile).
   */
  async convert(
    src: string,
    srcFormat: DiskFormat,
    dst: string,
    dstFormat: DiskFormat,
    forceShare: boolean,
  ): Promise<void> {
    const share = forceShare ? ['-U'] : [];
    await this.exec(['convert', ...share, '-f', srcFormat, '-O', dstFormat, src, dst], 30 * 60_000);
  }
}

/**
 * Refuse anything but a plain raw or qcow2 image: no backing file, no external data file,
 * and the format the image service declared must be the format the bytes have.
 */
export function assertSafeImage(facts: ImageFacts, declared: string | undefined): DiskFormat {
  if (facts.format !== 'raw' && facts.format !== 'qcow2') {
    throw invalidGuestSpec(`Image format ${facts.format} is not supported (raw or qcow2 only).`);
  }
  if (facts.backingFile !== undefined) {
    throw invalidGuestSpec('Images with a backing file are refused.');
  }
  if (facts.dataFile !== undefined) {
    throw invalidGuestSpec('Images with an external data file are refused.');
  }
  if (declared !== undefined && declared !== '' && declared !== facts.format) {
    throw invalidGuestSpec(`The image is declared ${declared} but its content is ${facts.format}.`);
  }
  return facts.format;
}
