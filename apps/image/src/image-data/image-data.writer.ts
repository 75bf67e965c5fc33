import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@tinystack/errors';
import { loggerFor } from '@tinystack/logging';
import { IMAGE_CONFIG, type ImageConfig } from '../config.js';
import { DataInspector } from '../format-inspection/data-inspector.js';
import type { DiskFormat } from '../images/image.model.js';
import { IMAGE_STORE, type ImageStore, type StoredData } from '../store/image-store.js';
import { ImageTooLarge } from './image-data.errors.js';
import { limitSize } from './size-limit.js';

export interface WrittenData extends StoredData {
  readonly virtualSize: number | null;
}

/**
 * Streams image bytes into the store under `key`: bounded by IMAGE_MAX_SIZE (and the
 * announced length), checked against the declared disk_format while streaming, hashed by
 * the store on the way. On any failure nothing is left under `key`.
 */
@Injectable()
export class ImageDataWriter {
  private readonly log = loggerFor('ImageDataWriter');

  constructor(
    @Inject(IMAGE_STORE) private readonly store: ImageStore,
    @Inject(IMAGE_CONFIG) private readonly config: ImageConfig,
  ) {}

  /** 400 unless disk_format and container_format are set (Glance needs both before data). */
  static requireFormats(image: { diskFormat: DiskFormat | null; containerFormat: string | null }): DiskFormat {
    if (image.diskFormat === null || image.containerFormat === null) {
      throw new DomainError('bad_request', 'Properties disk_format, container_format must be set prior to saving data.');
    }
    return image.diskFormat;
  }

  /** 413 before reading anything when the announced length is over the limit. */
  checkAnnouncedSize(size: number | undefined): void {
    if (size !== undefined && size > this.config.IMAGE_MAX_SIZE) {
      throw new ImageTooLarge(this.config.IMAGE_MAX_SIZE, size);
    }
  }

  async write(key: string, format: DiskFormat, body: AsyncIterable<Uint8Array>, size?: number): Promise<WrittenData> {
    this.checkAnnouncedSize(size);
    const inspector = new DataInspector(format);
    const started = Date.now();
    try {
      const limited = limitSize(body, this.config.IMAGE_MAX_SIZE, size);
      const stored = await this.store.put(key, inspector.tap(limited), size !== undefined ? { size } : {});
      const { virtualSize } = inspector.finish();
      this.log.info({ key, bytes: stored.size, ms: Date.now() - started }, 'image data stored');
      return { ...stored, virtualSize };
    } catch (err) {
      await this.discard(key);
      throw err;
    }
  }

  /** Remove whatever may be under `key`, logging (not throwing) when the store fails. */
  async discard(key: string): Promise<void> {
    await this.store.delete(key).catch((err: unknown) => this.log.error({ err, key }, 'could not delete image data'));
  }
}
