import { createHash, randomUUID } from 'node:crypto';
import { claimsToAuthContext } from '@tinystack/auth';
import { DomainError } from '@tinystack/errors';
import jwt from 'jsonwebtoken';
import type { ImageGateway, ImageInfo, SnapshotImage } from '../images/image.port.js';

/** A stored image of the stand-in, with the project that owns it. */
export interface StoredImage extends ImageInfo {
  readonly owner: string;
  readonly isPublic: boolean;
  readonly md5: string;
}

/**
 * A stand-in for the image service IN PROCESS, behind compute's ImageGateway port (an app
 * cannot start another app). Tokens are decoded, not verified (compute verified them), for
 * Glance's visibility: public, or owned by the caller's project. The whole-cloud e2e suite uses the real image service over gRPC.
 */
export class ImageStandIn implements ImageGateway {
  readonly images = new Map<string, StoredImage>();

  add(image: Partial<StoredImage> & { owner: string }): StoredImage {
    const stored: StoredImage = {
      id: randomUUID(),
      name: 'cirros',
      status: 'active',
      size: 16 * 1024 * 1024,
      minDiskGb: 0,
      minRamMb: 0,
      diskFormat: 'qcow2',
      containerFormat: 'bare',
      properties: {},
      isPublic: true,
      md5: '',
      ...image,
    };
    this.images.set(stored.id, stored);
    return stored;
  }

  getImage(token: string, id: string): Promise<ImageInfo> {
    const image = this.images.get(id);
    if (!image || !(image.isPublic || image.owner === projectOf(token))) {
      return Promise.reject(new DomainError('not_found', `No image found with ID ${id}`));
    }
    return Promise.resolve(image);
  }

  async createSnapshot(token: string, header: SnapshotImage, data: AsyncIterable<Uint8Array>): Promise<ImageInfo> {
    const md5 = createHash('md5');
    let size = 0;
    for await (const chunk of data) {
      if (chunk.length > 1024 * 1024) {
        throw new DomainError('bad_request', 'chunk larger than 1 MiB');
      }
      md5.update(chunk);
      size += chunk.length;
    }
    if (header.size >= 0 && header.size !== size) {
      throw new DomainError('bad_request', `expected ${header.size} bytes, got ${size}`);
    }
    return this.add({ ...header, owner: projectOf(token), isPublic: false, size, md5: md5.digest('hex'), status: 'active' });
  }
}

function projectOf(token: string): string {
  return claimsToAuthContext(jwt.decode(token))?.projectId ?? '';
}
