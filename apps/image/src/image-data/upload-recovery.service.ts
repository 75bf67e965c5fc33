import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { loggerFor } from '@tinystack/logging';
import { DataSource } from 'typeorm';
import { ImageStagingEntity } from '../import/image-staging.entity.js';
import type { ImageEntity } from '../images/image.entity.js';
import type { ImageStatus } from '../images/image.model.js';
import { ImagesRepository } from '../images/images.repository.js';
import { IMAGE_STORE, type ImageStore } from '../store/image-store.js';
import { UPLOAD_LEASE_MS } from './upload-lease.js';

/**
 * Uploads cut off with their process (a crash, a restart) leave images `saving`, or
 * `uploading` with nothing staged: these go back to `queued`. An `importing` image whose
 * import stopped goes back to `uploading` (its data is staged). Then every stored object no
 * image or staged import refers to, and older than a lease, is deleted: bytes of failed,
 * interrupted or superseded uploads never linger. Runs at start and every lease period;
 * transfers still running (here or in another process on the same database) keep their
 * lease fresh, and their bytes are unreferenced only for moments, so both are left alone.
 */
@Injectable()
export class UploadRecoveryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = loggerFor('UploadRecoveryService');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(ImagesRepository) private readonly repo: ImagesRepository,
    @Inject(IMAGE_STORE) private readonly store: ImageStore,
    @Inject(DataSource) private readonly ds: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sweep();
    this.timer = setInterval(() => void this.sweep(), UPLOAD_LEASE_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(now = Date.now()): Promise<void> {
    try {
      await this.resetStale(now);
      await this.deleteOrphans(now);
    } catch (err) {
      this.log.error({ err }, 'upload recovery failed');
    }
  }

  private async resetStale(now: number): Promise<void> {
    const stale = async (status: ImageStatus) =>
      (await this.repo.findByStatus(status)).filter((i) => now - i.updatedAt >= UPLOAD_LEASE_MS);
    const staged = new Set((await this.ds.getRepository(ImageStagingEntity).find()).map((s) => s.imageId));
    for (const image of [...(await stale('saving')), ...(await stale('uploading')).filter((i) => !staged.has(i.id))]) {
      await this.reset(image, 'queued', now);
    }
    for (const image of await stale('importing')) {
      await this.reset(image, staged.has(image.id) ? 'uploading' : 'queued', now);
    }
  }

  private async reset(image: ImageEntity, to: ImageStatus, now: number): Promise<void> {
    if (await this.repo.transition(image.id, [image.status as ImageStatus], { status: to, updatedAt: now })) {
      this.log.warn({ imageId: image.id, from: image.status, to }, 'interrupted transfer reset');
    }
  }

  private async deleteOrphans(now: number): Promise<void> {
    const referenced = await this.repo.referencedKeys();
    for await (const { key, writtenAt } of this.store.list()) {
      if (!referenced.has(key) && now - writtenAt >= UPLOAD_LEASE_MS) {
        await this.store.delete(key);
        this.log.warn({ key }, 'orphaned image data deleted');
      }
    }
  }
}
