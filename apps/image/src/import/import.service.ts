import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '@tinystack/auth';
import { loggerFor } from '@tinystack/logging';
import { dataColumns } from '../image-data/image-data.service.js';
import { ImageDataWriter } from '../image-data/image-data.writer.js';
import { withUploadLease } from '../image-data/upload-lease.js';
import { ImageConflict, ImageNotFound } from '../images/images.errors.js';
import { ImagesRepository } from '../images/images.repository.js';
import { ImagesService } from '../images/images.service.js';
import { newDataKey } from '../store/image-store.js';
import { StagingRepository } from './staging.repository.js';

/**
 * The interoperable import with glance-direct: PUT /stage stores, hashes and inspects the
 * bytes (queued → uploading), POST /import makes them the image's data (uploading →
 * importing → active). The staged bytes already sit where the image's data lives, so the
 * import moves no data and completes before its 202 answer.
 */
@Injectable()
export class ImportService {
  private readonly log = loggerFor('ImportService');

  constructor(
    @Inject(ImagesService) private readonly images: ImagesService,
    @Inject(ImagesRepository) private readonly repo: ImagesRepository,
    @Inject(StagingRepository) private readonly staging: StagingRepository,
    @Inject(ImageDataWriter) private readonly writer: ImageDataWriter,
  ) {}

  async stage(c: AuthContext, id: string, body: AsyncIterable<Uint8Array>, size?: number): Promise<void> {
    const image = await this.images.getManaged(c, id, 'stage data for');
    const format = ImageDataWriter.requireFormats(image);
    this.writer.checkAnnouncedSize(size);
    if (!(await this.repo.transition(id, ['queued'], { status: 'uploading', updatedAt: Date.now() }))) {
      throw new ImageConflict(`Image status transition from ${image.status} to uploading is not allowed`);
    }
    const key = newDataKey(id);
    try {
      const data = await withUploadLease(this.repo, id, 'uploading', () => this.writer.write(key, format, body, size));
      await this.staging.save({
        imageId: id,
        dataKey: key,
        size: data.size,
        checksum: data.md5,
        osHashValue: data.sha512,
        virtualSize: data.virtualSize,
        createdAt: Date.now(),
      });
      this.log.info({ imageId: id, bytes: data.size }, 'image data staged');
    } catch (err) {
      await this.writer.discard(key);
      await this.repo.transition(id, ['uploading'], { status: 'queued', updatedAt: Date.now() });
      throw err;
    }
  }

  async importStaged(c: AuthContext, id: string): Promise<void> {
    await this.images.getManaged(c, id, 'import');
    const staged = await this.staging.find(id);
    if (!staged || !(await this.repo.transition(id, ['uploading'], { status: 'importing', updatedAt: Date.now() }))) {
      throw new ImageConflict("Image needs to be staged before 'glance-direct' method can be used");
    }
    const data = { size: staged.size, md5: staged.checksum, sha512: staged.osHashValue, virtualSize: staged.virtualSize };
    try {
      if (!(await this.staging.promote(id, { status: 'active', ...dataColumns(data, staged.dataKey), updatedAt: Date.now() }))) {
        throw new ImageNotFound(id);
      }
      this.log.info({ imageId: id, bytes: staged.size }, 'image imported');
    } catch (err) {
      await this.repo.transition(id, ['importing'], { status: 'uploading', updatedAt: Date.now() });
      throw err;
    }
  }
}
