import { Inject, Injectable } from '@nestjs/common';
import { isUniqueViolation } from '@tinystack/db';
import { DataSource, In, type EntityManager } from 'typeorm';
import { ImageStagingEntity } from '../import/image-staging.entity.js';
import { ImageMemberEntity } from '../members/image-member.entity.js';
import { ImageTagEntity } from '../tags/image-tag.entity.js';
import { listQuery, type Viewer } from './image-list.query.js';
import type { ListSpec } from './image-list.spec.js';
import { ImagePropertyEntity } from './image-property.entity.js';
import { toEntity, toRecord } from './image-record.mapper.js';
import { ImageEntity } from './image.entity.js';
import type { ImageRecord, ImageStatus } from './image.model.js';
import { ImageConflict } from './images.errors.js';

/** Columns of the images row that can be updated on their own (status changes, data). */
export type ImageColumns = Partial<Omit<ImageEntity, 'id' | 'createdAt'>>;

/** The only door to the images, image_properties and image_tags tables. */
@Injectable()
export class ImagesRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  async find(id: string): Promise<ImageRecord | undefined> {
    const row = await this.ds.getRepository(ImageEntity).findOneBy({ id });
    if (!row) {
      return undefined;
    }
    const [withExtras] = await this.withExtras([row]);
    return withExtras;
  }

  /** Rows in the given order, each with its tags and properties. */
  async withExtras(rows: ImageEntity[]): Promise<ImageRecord[]> {
    if (rows.length === 0) {
      return [];
    }
    const ids = rows.map((r) => r.id);
    const [tags, props] = await Promise.all([
      this.ds.getRepository(ImageTagEntity).findBy({ imageId: In(ids) }),
      this.ds.getRepository(ImagePropertyEntity).findBy({ imageId: In(ids) }),
    ]);
    return rows.map((row) => {
      const properties: Record<string, string> = {};
      for (const p of props.filter((x) => x.imageId === row.id)) {
        properties[p.name] = p.value;
      }
      return toRecord(row, tags.filter((t) => t.imageId === row.id).map((t) => t.value), properties);
    });
  }

  /** Insert a new image with its tags and properties; a taken id is a 409. */
  async insert(record: ImageRecord): Promise<void> {
    try {
      await this.ds.transaction(async (em) => {
        await em.getRepository(ImageEntity).insert(toEntity(record));
        await this.writeExtras(em, record);
      });
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new ImageConflict(`An image with identifier ${record.id} already exists`);
      }
      throw err;
    }
  }

  /** Write back every attribute, tag and property of an existing image. */
  async save(record: ImageRecord): Promise<void> {
    await this.ds.transaction(async (em) => {
      const { id, createdAt: _createdAt, ...columns } = toEntity(record);
      await em.getRepository(ImageEntity).update({ id }, columns);
      await em.getRepository(ImageTagEntity).delete({ imageId: id });
      await em.getRepository(ImagePropertyEntity).delete({ imageId: id });
      await this.writeExtras(em, record);
    });
  }

  /**
   * Update columns only when the image is (still) in one of `fromStatus`: the atomic step of
   * every status transition. Returns false when the image is gone or in another status.
   */
  async transition(id: string, fromStatus: readonly ImageStatus[], columns: ImageColumns): Promise<boolean> {
    const result = await this.ds
      .createQueryBuilder()
      .update(ImageEntity)
      .set(columns)
      .where('id = :id', { id })
      .andWhere('status IN (:...fromStatus)', { fromStatus })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.ds.getRepository(ImageEntity).delete({ id });
    return (result.affected ?? 0) > 0;
  }

  /** One page of a listing (at most spec.limit + 1 images, so the caller sees whether more follow). */
  async page(viewer: Viewer, spec: ListSpec, marker: ImageRecord | undefined): Promise<ImageRecord[]> {
    const rows = await listQuery(this.ds, viewer, spec, marker ? toEntity(marker) : undefined).getMany();
    return this.withExtras(rows);
  }

  /** The member status of `projectId` on an image, if it is a member. */
  async memberStatus(imageId: string, projectId: string): Promise<string | undefined> {
    const row = await this.ds.getRepository(ImageMemberEntity).findOneBy({ imageId, member: projectId });
    return row?.status;
  }

  /** Where the data staged for an import lies, if any. */
  async stagedKey(imageId: string): Promise<string | undefined> {
    return (await this.ds.getRepository(ImageStagingEntity).findOneBy({ imageId }))?.dataKey;
  }

  /** Every data key an image or a staged import refers to (the orphan sweep keeps these). */
  async referencedKeys(): Promise<Set<string>> {
    const images = await this.ds.getRepository(ImageEntity).find({ select: { dataKey: true } });
    const staged = await this.ds.getRepository(ImageStagingEntity).find({ select: { dataKey: true } });
    return new Set([...images, ...staged].flatMap((r) => (r.dataKey ? [r.dataKey] : [])));
  }

  /** Images left mid-transfer by a process that stopped (status saving). */
  async findByStatus(status: ImageStatus): Promise<ImageEntity[]> {
    return this.ds.getRepository(ImageEntity).findBy({ status });
  }

  private async writeExtras(em: EntityManager, record: ImageRecord): Promise<void> {
    if (record.tags.length > 0) {
      await em.getRepository(ImageTagEntity).insert(record.tags.map((value) => ({ imageId: record.id, value })));
    }
    const props = Object.entries(record.properties);
    if (props.length > 0) {
      await em
        .getRepository(ImagePropertyEntity)
        .insert(props.map(([name, value]) => ({ imageId: record.id, name, value })));
    }
  }
}
