import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject, UseFilters, UseInterceptors } from '@nestjs/common';
import { callerOf, GrpcAuthInterceptor, type AuthContext } from '@tinystack/auth';
import { imageV1 } from '@tinystack/contracts';
import { DomainError } from '@tinystack/errors';
import { DomainRpcExceptionFilter, GrpcContextInterceptor } from '@tinystack/grpc';
import { from, type Observable } from 'rxjs';
import { ImageDataService } from '../image-data/image-data.service.js';
import { SnapshotService } from '../image-data/snapshot.service.js';
import { parseCreateImage } from '../images/image-create.input.js';
import { parseListQuery } from '../images/image-list.params.js';
import { JSON_PATCH_TYPE, parseImagePatch } from '../images/image-patch.input.js';
import { ImagesService } from '../images/images.service.js';
import { rechunk } from '../store/rechunk.js';
import { listQueryOf, snapshotCreateBody, toProtoImage, updatePatchOf } from './image-proto.mapper.js';
import { fromClientStream, toServerStream, type ReadableCall, type WritableCall } from './stream-bridge.js';

/** Largest chunk message sent (the contract allows at most 1 MiB). */
const CHUNK_BYTES = 256 * 1024;

const badRequest = (msg: string) => new DomainError('bad_request', msg);

/** The snapshot's bytes: every message after the header must be a chunk. */
async function* snapshotChunks(messages: AsyncIterator<imageV1.CreateSnapshotRequest>, call?: ReadableCall): AsyncGenerator<Uint8Array> {
  for (let m = await messages.next(); !m.done; m = await messages.next()) {
    if (!m.value.chunk) {
      throw badRequest('every message after the header must carry a chunk');
    }
    yield m.value.chunk;
  }
  if (call?.cancelled) {
    throw new DomainError('unavailable', 'the snapshot stream was cancelled');
  }
}

/** The image gRPC contract for compute and the dashboard; same rules as the REST API. */
@Controller()
@imageV1.ImageServiceControllerMethods()
@UseInterceptors(GrpcContextInterceptor, GrpcAuthInterceptor)
@UseFilters(DomainRpcExceptionFilter)
export class ImagesGrpcController implements imageV1.ImageServiceController {
  constructor(
    @Inject(ImagesService) private readonly images: ImagesService,
    @Inject(ImageDataService) private readonly data: ImageDataService,
    @Inject(SnapshotService) private readonly snapshots: SnapshotService,
  ) {}

  async getImage(req: imageV1.GetImageRequest, metadata?: Metadata): Promise<imageV1.GetImageResponse> {
    return { image: toProtoImage(await this.images.get(callerOf(metadata), req.id)) };
  }

  async listImages(req: imageV1.ListImagesRequest, metadata?: Metadata): Promise<imageV1.ListImagesResponse> {
    const page = await this.images.list(callerOf(metadata), parseListQuery(listQueryOf(req)));
    return { images: page.images.map(toProtoImage), nextMarker: page.nextMarker ?? '' };
  }

  getImageData(req: imageV1.GetImageDataRequest, metadata?: Metadata, call?: WritableCall): Observable<imageV1.GetImageDataResponse> {
    const c = callerOf(metadata);
    const data = this.data;
    return toServerStream(async function* (signal) {
      const { image, body } = await data.open(c, req.id, req.range);
      signal.addEventListener('abort', () => body.destroy());
      yield { image: toProtoImage(image) };
      for await (const chunk of rechunk(body, CHUNK_BYTES)) {
        yield { chunk };
      }
    }, call);
  }

  async updateImage(req: imageV1.UpdateImageRequest, metadata?: Metadata): Promise<imageV1.UpdateImageResponse> {
    const changes = parseImagePatch(JSON_PATCH_TYPE, updatePatchOf(req));
    return { image: toProtoImage(await this.images.update(callerOf(metadata), req.id, changes)) };
  }

  async deleteImage(req: imageV1.DeleteImageRequest, metadata?: Metadata): Promise<imageV1.DeleteImageResponse> {
    await this.images.delete(callerOf(metadata), req.id);
    return {};
  }

  /**
   * Returns an Observable at once: Nest lets the request stream flow only once a stream
   * handler has returned, so awaiting its messages inside an async handler would deadlock.
   */
  createSnapshot(
    request: Observable<imageV1.CreateSnapshotRequest>,
    metadata?: Metadata,
    call?: ReadableCall,
  ): Observable<imageV1.CreateSnapshotResponse> {
    const c = callerOf(metadata);
    return from(this.snapshot(c, fromClientStream(request, call), call));
  }

  private async snapshot(
    c: AuthContext,
    messages: AsyncGenerator<imageV1.CreateSnapshotRequest>,
    call?: ReadableCall,
  ): Promise<imageV1.CreateSnapshotResponse> {
    const first = await messages.next();
    const header = first.done ? undefined : first.value.header;
    if (!header) {
      throw badRequest('the first message must carry the snapshot header');
    }
    const input = parseCreateImage(snapshotCreateBody(header));
    const size = header.size >= 0 ? header.size : undefined;
    const image = await this.snapshots.create(c, input, snapshotChunks(messages, call), size);
    return { image: toProtoImage(image) };
  }
}
