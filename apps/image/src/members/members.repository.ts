import { Inject, Injectable } from '@nestjs/common';
import { isUniqueViolation } from '@tinystack/db';
import { DataSource } from 'typeorm';
import { ImageConflict } from '../images/images.errors.js';
import { ImageMemberEntity } from './image-member.entity.js';

/** The only door to the image_members table. */
@Injectable()
export class MembersRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  private get repo() {
    return this.ds.getRepository(ImageMemberEntity);
  }

  async insert(member: ImageMemberEntity): Promise<void> {
    try {
      await this.repo.insert(member);
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new ImageConflict(`Member ${member.member} is duplicated for image ${member.imageId}`);
      }
      throw err;
    }
  }

  find(imageId: string, member: string): Promise<ImageMemberEntity | null> {
    return this.repo.findOneBy({ imageId, member });
  }

  list(imageId: string): Promise<ImageMemberEntity[]> {
    return this.repo.find({ where: { imageId }, order: { createdAt: 'ASC', member: 'ASC' } });
  }

  count(imageId: string): Promise<number> {
    return this.repo.countBy({ imageId });
  }

  async update(imageId: string, member: string, status: string, updatedAt: number): Promise<void> {
    await this.repo.update({ imageId, member }, { status, updatedAt });
  }

  async delete(imageId: string, member: string): Promise<boolean> {
    const result = await this.repo.delete({ imageId, member });
    return (result.affected ?? 0) > 0;
  }
}
