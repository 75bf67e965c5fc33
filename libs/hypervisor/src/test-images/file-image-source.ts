import { createReadStream } from 'node:fs';
import { notFound } from '@tinystack/errors';
import type { ImageSource, SourceImage } from '../image-cache/image-source.js';
import type { TestImage } from './test-images.js';

/**
 * An ImageSource serving local test images by id, for tests that run the driver without
 * the image service (the agent's real source streams from the image service over gRPC).
 */
export class FileImageSource implements ImageSource {
  readonly opened: string[] = [];

  constructor(private readonly images: Readonly<Record<string, TestImage>>) {}

  open(imageId: string): Promise<SourceImage> {
    const img = this.images[imageId];
    if (!img) {
      return Promise.reject(notFound(`No image with ID ${imageId} exists.`));
    }
    this.opened.push(imageId);
    return Promise.resolve({
      diskFormat: img.format,
      size: img.size,
      checksums: [
        { algorithm: 'md5', value: img.md5 },
        { algorithm: 'sha512', value: img.sha512 },
      ],
      stream: createReadStream(img.path),
    });
  }
}
