import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '@tinystack/auth';
import { DomainError } from '@tinystack/errors';
import { validateAttribute } from '../images/image-attributes.js';
import { checkQuotas } from '../images/image-rules.js';
import { ImagesRepository } from '../images/images.repository.js';
import { ImagesService } from '../images/images.service.js';

/** PUT / DELETE /v2/images/{id}/tags/{tag}: one tag at a time (the owner's members and admins). */
@Injectable()
export class TagsService {
  constructor(
    @Inject(ImagesService) private readonly images: ImagesService,
    @Inject(ImagesRepository) private readonly repo: ImagesRepository,
  ) {}

  async add(c: AuthContext, imageId: string, tag: string): Promise<void> {
    validateAttribute('tags', [tag]);
    const image = await this.images.getManaged(c, imageId);
    if (image.tags.includes(tag)) {
      return;
    }
    image.tags = [...image.tags, tag].sort();
    checkQuotas(image);
    image.updatedAt = Date.now();
    await this.repo.save(image);
  }

  async remove(c: AuthContext, imageId: string, tag: string): Promise<void> {
    const image = await this.images.getManaged(c, imageId);
    if (!image.tags.includes(tag)) {
      throw new DomainError('not_found', `Tag ${tag} not found.`);
    }
    image.tags = image.tags.filter((t) => t !== tag);
    image.updatedAt = Date.now();
    await this.repo.save(image);
  }
}
