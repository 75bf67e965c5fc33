import { imageV1 } from '@tinystack/contracts';
import { DomainError } from '@tinystack/errors';
import { createServiceClient, type Channel, type Client, type TinystackCallOptions } from '@tinystack/grpc';
import type { ImageGateway, ImageInfo, SnapshotImage } from './image.port.js';

/** The image contract's largest chunk. */
export const MAX_CHUNK = 1024 * 1024;

/** Chunks of at most `max` bytes, whatever sizes arrive. */
export async function* rechunk(data: AsyncIterable<Uint8Array>, max = MAX_CHUNK): AsyncIterable<Uint8Array> {
  for await (const chunk of data) {
    for (let i = 0; i < chunk.length; i += max) {
      yield chunk.subarray(i, Math.min(i + max, chunk.length));
    }
  }
}

export function imageInfoOf(image: imageV1.Image | undefined): ImageInfo {
  if (!image) {
    throw new DomainError('internal', 'The image service answered without an image.');
  }
  return {
    id: image.id,
    name: image.name,
    status: image.status,
    size: image.size ?? 0,
    minDiskGb: image.minDisk,
    minRamMb: image.minRam,
    diskFormat: image.diskFormat,
    containerFormat: image.containerFormat,
    properties: image.properties,
  };
}

/** The image service over gRPC (imageV1.ImageService), with the caller's token on every call. */
export class GrpcImageGateway implements ImageGateway {
  private readonly client: Client<typeof imageV1.ImageServiceDefinition, TinystackCallOptions>;
  private readonly channel: Channel;

  constructor(address: string) {
    ({ client: this.client, channel: this.channel } = createServiceClient(imageV1.ImageServiceDefinition, address));
  }

  async getImage(token: string, id: string): Promise<ImageInfo> {
    return imageInfoOf((await this.client.getImage({ id }, { token })).image);
  }

  async createSnapshot(token: string, image: SnapshotImage, data: AsyncIterable<Uint8Array>, signal?: AbortSignal): Promise<ImageInfo> {
    async function* requests(): AsyncIterable<imageV1.CreateSnapshotRequest> {
      yield {
        header: {
          name: image.name,
          diskFormat: image.diskFormat,
          containerFormat: image.containerFormat,
          visibility: '',
          minDisk: image.minDiskGb,
          minRam: image.minRamMb,
          properties: { ...image.properties },
          tags: [],
          size: image.size,
        },
      };
      for await (const chunk of rechunk(data)) {
        yield { chunk };
      }
    }
    const res = await this.client.createSnapshot(requests(), { token, ...(signal ? { signal } : {}) });
    return imageInfoOf(res.image);
  }

  close(): void {
    this.channel.close();
  }
}
