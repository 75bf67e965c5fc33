import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '@tinystack/auth';
import { loggerFor } from '@tinystack/logging';
import type { CreateImageInput } from '../images/image-create.input.js';
import type { ImageRecord } from '../images/image.model.js';
import { ImagesRepository } from '../images/images.repository.js';
import { ImagesService } from '../images/images.service.js';
import { ImageDataService } from './image-data.service.js';
import { ImageDataWriter } from './image-data.writer.js';

/**
 * A new image from bytes streamed in, in one step (compute's server snapshots): create the
 * record, upload the data through the same checks as PUT /file. On any failure the image
 * and its bytes are removed, so a failed snapshot leaves nothing behind.
 */
@Injectable()
export class SnapshotService {
  private readonly log = loggerFor('SnapshotService');

  constructor(
    @Inject(ImagesService) private readonly images: ImagesService,
    @Inject(ImageDataService) private readonly data: ImageDataService,
    @Inject(ImagesRepository) private readonly repo: ImagesRepository,
    @Inject(ImageDataWriter) private readonly writer: ImageDataWriter,
  ) {}

  async create(c: AuthContext, input: CreateImageInput, body: AsyncIterable<Uint8Array>, size?: number): Promise<ImageRecord> {
    ImageDataWriter.requireFormats({ diskFormat: input.diskFormat ?? null, containerFormat: input.containerFormat ?? null });
    this.writer.checkAnnouncedSize(size);
    const image = await this.images.create(c, input);
    try {
      await this.data.upload(c, image.id, body, size);
    } catch (err) {
      await this.repo.delete(image.id);
      this.log.warn({ imageId: image.id, err: (err as Error).message }, 'snapshot failed; image removed');
      throw err;
    }
    return this.images.get(c, image.id);
  }
}
