import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ImageEntity } from '../images/image.entity.js';
import type { ImageColumns } from '../images/images.repository.js';
import { ImageStagingEntity } from './image-staging.entity.js';

/** The only door to the image_staging table. */
@Injectable()
export class StagingRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  async save(row: ImageStagingEntity): Promise<void> {
    await this.ds.getRepository(ImageStagingEntity).save(row);
  }

  find(imageId: string): Promise<ImageStagingEntity | null> {
    return this.ds.getRepository(ImageStagingEntity).findOneBy({ imageId });
  }

  /**
   * In one transaction: the image in `importing` takes `columns` (its data, status active)
   * and the staging row goes. False when the image is no longer importing.
   */
  async promote(imageId: string, columns: ImageColumns): Promise<boolean> {
    return this.ds.transaction(async (em) => {
      const result = await em
        .createQueryBuilder()
        .update(ImageEntity)
        .set(columns)
        .where('id = :imageId', { imageId })
        .andWhere("status = 'importing'")
        .execute();
      if ((result.affected ?? 0) === 0) {
        return false;
      }
      await em.getRepository(ImageStagingEntity).delete({ imageId });
      return true;
    });
  }
}
