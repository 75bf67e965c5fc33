import { imageV1 } from '@tinystack/contracts';
import { DomainError, grpcCodeOf } from '@tinystack/errors';
import { createServer, ServerError, Status, type CallContext } from 'nice-grpc';
import type { ImageInfo } from '../images/image.port.js';
import type { ImageStandIn, StoredImage } from './image-stand-in.js';

function protoImage(i: ImageInfo): imageV1.Image {
  const s = i as Partial<StoredImage> & ImageInfo;
  return {
    id: i.id,
    name: i.name,
    status: i.status,
    visibility: s.isPublic ? 'public' : 'private',
    owner: s.owner ?? '',
    diskFormat: i.diskFormat,
    containerFormat: i.containerFormat,
    size: i.size,
    virtualSize: undefined,
    checksum: s.md5 ?? '',
    osHashAlgo: '',
    osHashValue: '',
    minDisk: i.minDiskGb,
    minRam: i.minRamMb,
    protected: false,
    osHidden: false,
    tags: [],
    properties: { ...i.properties },
    createdAt: 0,
    updatedAt: 0,
  };
}

const tokenOf = (ctx: CallContext): string => {
  const t = ctx.metadata.get('x-auth-token');
  if (typeof t !== 'string') {
    throw new ServerError(Status.UNAUTHENTICATED, 'no token');
  }
  return t;
};

async function handled<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof DomainError) {
      throw new ServerError(grpcCodeOf(err.kind), err.message);
    }
    throw err;
  }
}

/**
 * Serves an ImageStandIn over the real image contract (tinystack.image.v1) on 127.0.0.1,
 * GetImage and CreateSnapshot only: what compute calls. An app cannot start apps/image; the
 * whole-cloud e2e suite uses the real image service.
 */
export async function serveImages(images: ImageStandIn): Promise<{ url: string; close: () => Promise<void> }> {
  const unimplemented = () => {
    throw new ServerError(Status.UNIMPLEMENTED, 'not in the stand-in');
  };
  const server = createServer();
  server.add(imageV1.ImageServiceDefinition, {
    getImage: (req, ctx) => handled(async () => ({ image: protoImage(await images.getImage(tokenOf(ctx), req.id)) })),
    createSnapshot: (reqs, ctx) =>
      handled(async () => {
        const it = reqs[Symbol.asyncIterator]();
        const first = await it.next();
        const header = first.done ? undefined : first.value.header;
        if (!header) {
          throw new DomainError('bad_request', 'the first message must carry the header');
        }
        async function* chunks(): AsyncIterable<Uint8Array> {
          for (;;) {
            const next = await it.next();
            if (next.done) {
              return;
            }
            if (next.value.chunk) {
              yield next.value.chunk;
            }
          }
        }
        const image = await images.createSnapshot(
          tokenOf(ctx),
          {
            name: header.name,
            diskFormat: header.diskFormat,
            containerFormat: header.containerFormat,
            minDiskGb: header.minDisk,
            minRamMb: header.minRam,
            size: header.size,
            properties: header.properties,
          },
          chunks(),
        );
        return { image: protoImage(image) };
      }),
    listImages: unimplemented,
    updateImage: unimplemented,
    deleteImage: unimplemented,
    // eslint-disable-next-line @typescript-eslint/require-await, require-yield -- the stand-in serves no bytes: the call fails at once
    async *getImageData() {
      unimplemented();
    },
  });
  const port = await server.listen('127.0.0.1:0');
  return { url: `127.0.0.1:${port}`, close: () => server.shutdown() };
}
