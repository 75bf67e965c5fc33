import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { isAdmin, type AuthContext } from '@tinystack/auth';
import { loggerFor } from '@tinystack/logging';
import { IMAGE_STORE, type ImageStore } from '../store/image-store.js';
import { canManage, isVisibleWithoutMembership, requireMember, viewerOf } from './image-access.js';
import type { CreateImageInput } from './image-create.input.js';
import type { ListSpec } from './image-list.spec.js';
import { applyImagePatch } from './image-patch.apply.js';
import type { ImageChange } from './image-patch.input.js';
import { checkNonNegative, checkOwner, checkQuotas, checkVisibility } from './image-rules.js';
import type { ImageRecord, ImageStatus } from './image.model.js';
import { ImageForbidden, ImageNotFound, InvalidImageInput } from './images.errors.js';
import { ImagesRepository } from './images.repository.js';

export interface ImagePage {
  readonly images: ImageRecord[];
  /** Set when more images follow: the marker of the next page. */
  readonly nextMarker?: string;
}

/** Image records: create, read with Glance's visibility rules, list, patch, delete, (de)activate. */
@Injectable()
export class ImagesService {
  private readonly log = loggerFor('ImagesService');

  constructor(
    @Inject(ImagesRepository) private readonly repo: ImagesRepository,
    @Inject(IMAGE_STORE) private readonly store: ImageStore,
  ) {}

  async create(c: AuthContext, input: CreateImageInput): Promise<ImageRecord> {
    requireMember(c, 'add_image');
    const admin = isAdmin(c);
    const visibility = input.visibility ?? 'shared';
    checkVisibility(visibility, admin);
    const owner = input.owner !== undefined ? input.owner : (c.projectId ?? null);
    checkOwner(owner, c.projectId, admin);
    checkNonNegative('min_disk', input.minDisk ?? 0);
    checkNonNegative('min_ram', input.minRam ?? 0);
    const now = Date.now();
    const image: ImageRecord = {
      id: input.id ?? randomUUID(),
      name: input.name ?? null,
      owner,
      status: 'queued',
      visibility,
      diskFormat: input.diskFormat ?? null,
      containerFormat: input.containerFormat ?? null,
      size: null,
      virtualSize: null,
      checksum: null,
      osHashAlgo: null,
      osHashValue: null,
      minDisk: input.minDisk ?? 0,
      minRam: input.minRam ?? 0,
      protected: input.protected ?? false,
      osHidden: input.osHidden ?? false,
      dataKey: null,
      createdAt: now,
      updatedAt: now,
      tags: [...input.tags].sort(),
      properties: input.properties,
    };
    checkQuotas(image);
    await this.repo.insert(image);
    this.log.info({ imageId: image.id, owner, visibility }, 'image created');
    return image;
  }

  /** An image the caller may see; 404 otherwise (as if it did not exist). */
  async get(c: AuthContext, id: string): Promise<ImageRecord> {
    const image = await this.repo.find(id);
    if (!image || !(await this.isVisible(c, image))) {
      throw new ImageNotFound(id);
    }
    return image;
  }

  /** An image the caller may change: 404 when invisible, 403 when visible but not theirs. */
  async getManaged(c: AuthContext, id: string, action = 'modify'): Promise<ImageRecord> {
    const image = await this.get(c, id);
    if (!canManage(c, image)) {
      throw new ImageForbidden(`You are not authorized to ${action} this image.`);
    }
    return image;
  }

  async list(c: AuthContext, spec: ListSpec): Promise<ImagePage> {
    let marker: ImageRecord | undefined;
    if (spec.marker !== undefined) {
      marker = await this.get(c, spec.marker).catch(() => {
        throw new InvalidImageInput(`marker ${spec.marker} could not be found.`);
      });
    }
    const rows = await this.repo.page(viewerOf(c), spec, marker);
    const images = rows.slice(0, spec.limit);
    const last = images.at(-1);
    return rows.length > spec.limit && last ? { images, nextMarker: last.id } : { images };
  }

  async update(c: AuthContext, id: string, changes: readonly ImageChange[]): Promise<ImageRecord> {
    const image = await this.getManaged(c, id);
    const next = applyImagePatch(image, changes, { isAdmin: isAdmin(c) });
    next.updatedAt = Date.now();
    await this.repo.save(next);
    return next;
  }

  /** Delete the image and its data; a protected image refuses (403). */
  async delete(c: AuthContext, id: string): Promise<void> {
    const image = await this.getManaged(c, id, 'delete');
    if (image.protected) {
      throw new ImageForbidden(`Image ${id} is protected and cannot be deleted.`);
    }
    for (const key of [image.dataKey, await this.repo.stagedKey(id)]) {
      if (key) {
        await this.store.delete(key);
      }
    }
    await this.repo.delete(id);
    this.log.info({ imageId: id }, 'image deleted');
  }

  async deactivate(c: AuthContext, id: string): Promise<void> {
    await this.setActive(c, id, 'deactivated', 'active');
  }

  async reactivate(c: AuthContext, id: string): Promise<void> {
    await this.setActive(c, id, 'active', 'deactivated');
  }

  /** Whether the caller sees the image, members of a shared image included. */
  async isVisible(c: AuthContext, image: ImageRecord): Promise<boolean> {
    if (isVisibleWithoutMembership(c, image)) {
      return true;
    }
    return (
      image.visibility === 'shared' &&
      c.projectId !== undefined &&
      (await this.repo.memberStatus(image.id, c.projectId)) !== undefined
    );
  }

  private async setActive(c: AuthContext, id: string, to: ImageStatus, from: ImageStatus): Promise<void> {
    const image = await this.getManaged(c, id, to === 'active' ? 'reactivate' : 'deactivate');
    if (image.status === to) {
      return;
    }
    const verb = to === 'active' ? 'reactivate' : 'deactivate';
    if (image.status !== from || !(await this.repo.transition(id, [from], { status: to, updatedAt: Date.now() }))) {
      throw new ImageForbidden(`Not allowed to ${verb} image in status '${image.status}'`);
    }
  }
}
