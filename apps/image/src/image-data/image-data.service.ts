import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { isAdmin, type AuthContext } from '@tinystack/auth';
import { DomainError } from '@tinystack/errors';
import { loggerFor } from '@tinystack/logging';
import { HASH_ALGO, type ImageRecord } from '../images/image.model.js';
import { ImageConflict, ImageForbidden, ImageNotFound } from '../images/images.errors.js';
import { ImagesRepository } from '../images/images.repository.js';
import { ImagesService } from '../images/images.service.js';
import { IMAGE_STORE, newDataKey, type ByteRange, type ImageStore } from '../store/image-store.js';
import { parseRange, RangeNotSatisfiable } from './byte-range.js';
import { ImageDataWriter, type WrittenData } from './image-data.writer.js';
import { withUploadLease } from './upload-lease.js';

export interface ImageDownload {
  /** 200 for the whole image, 206 for a range, 204 when the image has no data. */
  readonly status: 200 | 204 | 206;
  readonly headers: Record<string, string>;
  readonly body?: Readable;
}

/** Image columns describing stored data (Glance's size, checksum, os_hash_*, virtual_size). */
export function dataColumns(data: WrittenData, dataKey: string) {
  return {
    size: data.size,
    virtualSize: data.virtualSize,
    checksum: data.md5,
    osHashAlgo: HASH_ALGO,
    osHashValue: data.sha512,
    dataKey,
  };
}

/** PUT and GET /v2/images/{id}/file: queued → saving → active, and the bytes back out. */
@Injectable()
export class ImageDataService {
  private readonly log = loggerFor('ImageDataService');

  constructor(
    @Inject(ImagesService) private readonly images: ImagesService,
    @Inject(ImagesRepository) private readonly repo: ImagesRepository,
    @Inject(ImageDataWriter) private readonly writer: ImageDataWriter,
    @Inject(IMAGE_STORE) private readonly store: ImageStore,
  ) {}

  /**
   * Store the image's data. The image must be queued; it is saving while the bytes stream,
   * active with size, checksums and virtual size once they are stored and checked. Any
   * failure (bad format, too large, client gone) puts it back to queued with no data kept.
   */
  async upload(c: AuthContext, id: string, body: AsyncIterable<Uint8Array>, size?: number): Promise<void> {
    const image = await this.images.getManaged(c, id, 'upload data to');
    const format = ImageDataWriter.requireFormats(image);
    this.writer.checkAnnouncedSize(size);
    if (!(await this.repo.transition(id, ['queued'], { status: 'saving', updatedAt: Date.now() }))) {
      throw new ImageConflict(`Image status transition from ${image.status} to saving is not allowed`);
    }
    const key = newDataKey(id);
    try {
      const data = await withUploadLease(this.repo, id, 'saving', () => this.writer.write(key, format, body, size));
      const columns = { status: 'active' as const, ...dataColumns(data, key), updatedAt: Date.now() };
      if (!(await this.repo.transition(id, ['saving'], columns))) {
        await this.writer.discard(key);
        throw new ImageNotFound(id);
      }
      this.log.info({ imageId: id, bytes: data.size }, 'image data uploaded');
    } catch (err) {
      await this.repo.transition(id, ['saving'], { status: 'queued', updatedAt: Date.now() });
      throw err;
    }
  }

  async download(c: AuthContext, id: string, rangeHeader?: string): Promise<ImageDownload> {
    const image = await this.readable(c, id);
    if (!image.dataKey || image.size === null) {
      return { status: 204, headers: {} };
    }
    const range = parseRange(rangeHeader, image.size);
    const headers: Record<string, string> = {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(range ? range.end - range.start + 1 : image.size),
      ...(image.checksum ? { 'Content-MD5': image.checksum } : {}),
      ...(range ? { 'Content-Range': `bytes ${range.start}-${range.end}/${image.size}` } : {}),
    };
    const body = await this.store.get(image.dataKey, range);
    return { status: range ? 206 : 200, headers, body };
  }

  /** The image and a stream of its bytes (of `range` only, when given): 412 when it has no data. */
  async open(c: AuthContext, id: string, range?: ByteRange): Promise<{ image: ImageRecord; body: Readable }> {
    const image = await this.readable(c, id);
    if (!image.dataKey || image.size === null) {
      throw new DomainError('precondition_failed', `Image ${id} has no data.`);
    }
    if (range && (range.start < 0 || range.start > range.end || range.start >= image.size)) {
      throw new RangeNotSatisfiable(image.size);
    }
    const bounded = range ? { start: range.start, end: Math.min(range.end, image.size - 1) } : undefined;
    return { image, body: await this.store.get(image.dataKey, bounded) };
  }

  /** An image whose data the caller may read: visible, and not deactivated unless they are an admin. */
  private async readable(c: AuthContext, id: string): Promise<ImageRecord> {
    const image = await this.images.get(c, id);
    if (image.status === 'deactivated' && !isAdmin(c)) {
      throw new ImageForbidden('The requested image has been deactivated. Image data download is forbidden.');
    }
    return image;
  }
}
