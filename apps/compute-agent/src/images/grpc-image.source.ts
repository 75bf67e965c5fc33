import type { ServiceTokenProvider } from '@tinystack/auth';
import { imageV1 } from '@tinystack/contracts';
import { DomainError } from '@tinystack/errors';
import { createServiceClient, type Client, type TinystackCallOptions } from '@tinystack/grpc';
import type { ImageChecksum, ImageSource, SourceImage } from '@tinystack/hypervisor';

export type ImageClient = Client<typeof imageV1.ImageServiceDefinition, TinystackCallOptions>;

export function createImageClient(address: string): ImageClient {
  return createServiceClient(imageV1.ImageServiceDefinition, address).client;
}

/** Glance's checksums of an image: MD5 `checksum`, and `os_hash_value` when it is sha256/sha512. */
export function checksumsOf(image: imageV1.Image): ImageChecksum[] {
  const out: ImageChecksum[] = [];
  if (image.checksum) {
    out.push({ algorithm: 'md5', value: image.checksum });
  }
  if ((image.osHashAlgo === 'sha256' || image.osHashAlgo === 'sha512') && image.osHashValue) {
    out.push({ algorithm: image.osHashAlgo, value: image.osHashValue });
  }
  return out;
}

/**
 * Base images from the image service (GetImageData: the image first, then its bytes), read
 * with the agent's service token: compute has already checked that the user may use it.
 */
export class GrpcImageSource implements ImageSource {
  constructor(
    private readonly client: ImageClient,
    private readonly tokens: Pick<ServiceTokenProvider, 'token'>,
  ) {}

  async open(imageId: string, signal?: AbortSignal): Promise<SourceImage> {
    const token = await this.tokens.token();
    const messages = this.client
      .getImageData({ id: imageId }, { token, ...(signal ? { signal } : {}) })
      [Symbol.asyncIterator]();
    const first = await messages.next();
    const image = first.done ? undefined : first.value.image;
    if (!image) {
      throw new DomainError('internal', `The image service sent no header for image ${imageId}.`);
    }
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (;;) {
        const next = await messages.next();
        if (next.done) {
          return;
        }
        if (next.value.chunk) {
          yield next.value.chunk;
        }
      }
    }
    return {
      diskFormat: image.diskFormat,
      ...(image.size !== undefined ? { size: image.size } : {}),
      checksums: checksumsOf(image),
      stream: chunks(),
    };
  }
}
