import { Inject, Injectable } from '@nestjs/common';
import { isAdmin, type AuthContext } from '@tinystack/auth';
import { DomainError } from '@tinystack/errors';
import { isOwner } from '../images/image-access.js';
import { MEMBER_QUOTA, type ImageRecord, type MemberStatus } from '../images/image.model.js';
import { ImageForbidden } from '../images/images.errors.js';
import { ImagesService } from '../images/images.service.js';
import type { ImageMemberEntity } from './image-member.entity.js';
import { MembersRepository } from './members.repository.js';

const memberNotFound = (member: string, imageId: string) =>
  new DomainError('not_found', `Member ${member} not found for image ${imageId}.`);

/**
 * Image sharing (Glance's image members): the owner of a shared image adds and removes
 * projects; each member project accepts, rejects or leaves pending its own membership and
 * sees only that one.
 */
@Injectable()
export class MembersService {
  constructor(
    @Inject(ImagesService) private readonly images: ImagesService,
    @Inject(MembersRepository) private readonly repo: MembersRepository,
  ) {}

  async add(c: AuthContext, imageId: string, member: string): Promise<ImageMemberEntity> {
    const image = await this.sharedImage(c, imageId);
    this.requireOwner(c, image, 'add members to');
    const count = await this.repo.count(imageId);
    if (count >= MEMBER_QUOTA) {
      throw new DomainError(
        'payload_too_large',
        `The limit has been exceeded on the number of allowed image members for this image. Attempted: ${count + 1}, Maximum: ${MEMBER_QUOTA}`,
      );
    }
    const now = Date.now();
    const row: ImageMemberEntity = { imageId, member, status: 'pending', createdAt: now, updatedAt: now };
    await this.repo.insert(row);
    return row;
  }

  /** The owner (or an admin) sees every member; a member sees its own membership only. */
  async list(c: AuthContext, imageId: string): Promise<ImageMemberEntity[]> {
    const image = await this.sharedImage(c, imageId);
    const all = await this.repo.list(imageId);
    return this.seesAll(c, image) ? all : all.filter((m) => m.member === c.projectId);
  }

  async get(c: AuthContext, imageId: string, member: string): Promise<ImageMemberEntity> {
    const image = await this.sharedImage(c, imageId);
    const row = await this.repo.find(imageId, member);
    if (!row || (!this.seesAll(c, image) && member !== c.projectId)) {
      throw memberNotFound(member, imageId);
    }
    return row;
  }

  /** Only the member project itself (or an admin) answers the share: accepted, rejected, pending. */
  async setStatus(c: AuthContext, imageId: string, member: string, status: MemberStatus): Promise<ImageMemberEntity> {
    const row = await this.get(c, imageId, member);
    if (c.projectId !== member && !isAdmin(c)) {
      throw new ImageForbidden(`You are not permitted to modify 'status' on this image member.`);
    }
    row.status = status;
    row.updatedAt = Date.now();
    await this.repo.update(imageId, member, status, row.updatedAt);
    return row;
  }

  async remove(c: AuthContext, imageId: string, member: string): Promise<void> {
    const image = await this.sharedImage(c, imageId);
    this.requireOwner(c, image, 'remove members from');
    if (!(await this.repo.delete(imageId, member))) {
      throw memberNotFound(member, imageId);
    }
  }

  private async sharedImage(c: AuthContext, imageId: string): Promise<ImageRecord> {
    const image = await this.images.get(c, imageId);
    if (image.visibility !== 'shared') {
      throw new ImageForbidden('Only shared images have members.');
    }
    return image;
  }

  private seesAll(c: AuthContext, image: ImageRecord): boolean {
    return isAdmin(c) || isOwner(c, image);
  }

  private requireOwner(c: AuthContext, image: ImageRecord, action: string): void {
    if (!isAdmin(c) && !isOwner(c, image)) {
      throw new ImageForbidden(`You are not permitted to ${action} this image.`);
    }
  }
}
