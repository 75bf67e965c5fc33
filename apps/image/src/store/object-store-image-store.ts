import { Readable } from 'node:stream';
import { createChannel } from 'nice-grpc';
import type { ServiceTokenProvider } from '@tinystack/auth';
import { objectstoreV1 } from '@tinystack/contracts';
import { DomainError, isDomainError } from '@tinystack/errors';
import { createServiceClient, MAX_MESSAGE_BYTES, type Client, type TinystackCallOptions } from '@tinystack/grpc';
import { loggerFor } from '@tinystack/logging';
import type { ImageConfig } from '../config.js';
import { StreamHasher } from './hashing.js';
import type { ByteRange, ImageStore, StoredData, StoredKey } from './image-store.js';
import { rechunk } from './rechunk.js';

export type ObjectStoreClient = Client<typeof objectstoreV1.ObjectStoreServiceDefinition, TinystackCallOptions>;

/** Bytes per PutObject message (the contract allows at most 1 MiB). */
export const PUT_CHUNK_BYTES = 512 * 1024;

/**
 * HTTP/2 receive window of the channel to the object store: downloads stream without
 * waiting for a WINDOW_UPDATE every 64 KiB (HTTP/2's default), which throttles them when
 * either event loop is busy. It bounds what the object store may send ahead, per stream.
 */
export const RECEIVE_WINDOW_BYTES = 4 * 1024 * 1024;

/** Bytes a download reads ahead from the object store while the client's socket drains. */
export const READ_AHEAD_BYTES = 2 * 1024 * 1024;

/**
 * A PutObjectRequest of one chunk, encoded: field 2 (`chunk`, tag 0x12), the length as a
 * varint, the bytes, written once into a buffer of exactly that size. The generated
 * encoder grows a zero-filled buffer by doubling (1 MiB for a 512 KiB chunk), copies the
 * chunk into it and copies it out again in `finish()`: in a profile on a loaded machine,
 * about 2.5 s of CPU per GiB uploaded, two thirds of it garbage collection.
 */
export function encodeChunkMessage(chunk: Uint8Array): Buffer {
  const head = [0x12];
  for (let n = chunk.length; ; n = Math.floor(n / 128)) {
    if (n < 128) {
      head.push(n);
      break;
    }
    head.push((n % 128) | 128);
  }
  const out = Buffer.allocUnsafe(head.length + chunk.length);
  out.set(head, 0);
  out.set(chunk, head.length);
  return out;
}

/** PutObjectRequest's codec, with {@link encodeChunkMessage} for chunk messages (every other message: the generated one). */
const putObjectRequestType: typeof objectstoreV1.PutObjectRequest = {
  ...objectstoreV1.PutObjectRequest,
  encode(message, writer) {
    if (
      writer ||
      message.chunk === undefined ||
      message.header !== undefined ||
      message.end !== undefined
    ) {
      return objectstoreV1.PutObjectRequest.encode(message, writer);
    }
    const bytes = encodeChunkMessage(message.chunk);
    // nice-grpc only calls finish() on what encode returns
    return { finish: () => bytes } as unknown as ReturnType<
      typeof objectstoreV1.PutObjectRequest.encode
    >;
  },
};

/** The object store's contract as its clients here use it: PutObject with the chunk encoder above. */
const objectStoreDefinition: typeof objectstoreV1.ObjectStoreServiceDefinition = {
  ...objectstoreV1.ObjectStoreServiceDefinition,
  methods: {
    ...objectstoreV1.ObjectStoreServiceDefinition.methods,
    putObject: {
      ...objectstoreV1.ObjectStoreServiceDefinition.methods.putObject,
      requestType: putObjectRequestType,
    },
  },
};

/** A client of the object store's gRPC contract, on a channel with the larger receive window. */
export function objectStoreClient(address: string): ObjectStoreClient {
  const channel = createChannel(address, undefined, {
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
    'grpc.keepalive_time_ms': 30_000,
    'grpc-node.flow_control_window': RECEIVE_WINDOW_BYTES,
  });
  return createServiceClient(objectStoreDefinition, address, { channel }).client;
}

/**
 * Image bytes in the object storage service, as Glance keeps them in Swift: one object per
 * upload in a container of the image service's own account (its service user's project),
 * streamed in chunks both ways with the service token. The SHA-512 is computed here while
 * streaming; the MD5 is the object's ETag, which the object store computes of exactly
 * the bytes it stored (hashing it here as well would cost the upload a third of its speed).
 */
export class ObjectStoreImageStore implements ImageStore {
  private readonly log = loggerFor('ObjectStoreImageStore');
  private containerReady: Promise<void> | undefined;

  constructor(
    private readonly client: ObjectStoreClient,
    private readonly tokens: ServiceTokenProvider,
    private readonly container: string,
  ) {}

  static connect(config: ImageConfig, tokens: ServiceTokenProvider): ObjectStoreImageStore {
    return new ObjectStoreImageStore(objectStoreClient(config.OBJECT_STORE_GRPC_URL), tokens, config.IMAGE_CONTAINER);
  }

  async put(key: string, body: AsyncIterable<Uint8Array>, opts: { signal?: AbortSignal; size?: number } = {}): Promise<StoredData> {
    await this.ensureContainer();
    const hasher = new StreamHasher({ md5: false });
    const header: objectstoreV1.PutObjectHeader = {
      account: '',
      container: this.container,
      name: key,
      contentType: 'application/octet-stream',
      metadata: {},
      etag: '',
      size: opts.size ?? -1,
      deleteAt: 0,
    };
    async function* messages(): AsyncGenerator<objectstoreV1.PutObjectRequest> {
      yield { header };
      // hashed once gathered: one step per 512 KiB message rather than per 64 KiB socket read
      for await (const chunk of rechunk(body, PUT_CHUNK_BYTES)) {
        hasher.update(chunk);
        yield { chunk };
      }
      // the upload is complete only with this message (a cut-off stream stores nothing)
      yield { end: {} };
    }
    const token = await this.tokens.token();
    const res = await this.client.putObject(messages(), { token, ...(opts.signal ? { signal: opts.signal } : {}) });
    const { size, sha512 } = hasher.digest();
    const etag = res.object?.etag ?? '';
    if (res.object?.size !== size || !/^[0-9a-f]{32}$/.test(etag)) {
      await this.delete(key);
      throw new DomainError('internal', `object store kept ${res.object?.size ?? 0} bytes (etag ${etag}), sent ${size}`);
    }
    return { size, md5: etag, sha512 };
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const token = await this.tokens.token();
    const abort = new AbortController();
    const stream = this.client.getObject(
      { account: '', container: this.container, name: key, ...(range ? { range } : {}) },
      { token, signal: abort.signal },
    );
    const it = stream[Symbol.asyncIterator]();
    const first = await it.next();
    async function* chunks(): AsyncGenerator<Uint8Array> {
      if (!first.done && first.value.chunk) {
        yield first.value.chunk;
      }
      for (let r = await it.next(); !r.done; r = await it.next()) {
        if (r.value.chunk) {
          yield r.value.chunk;
        }
      }
    }
    const out = Readable.from(chunks(), { objectMode: false, highWaterMark: READ_AHEAD_BYTES });
    out.once('close', () => abort.abort());
    return out;
  }

  async delete(key: string): Promise<void> {
    await this.withToken((token) =>
      this.client.deleteObject({ account: '', container: this.container, name: key }, { token }),
    ).catch((err: unknown) => {
      if (!(isDomainError(err) && err.kind === 'not_found')) {
        throw err;
      }
    });
  }

  async *list(): AsyncGenerator<StoredKey> {
    for (let marker = ''; ; ) {
      const page = await this.withToken((token) =>
        this.client.listObjects(
          { account: '', container: this.container, prefix: '', marker, endMarker: '', delimiter: '', limit: 1000 },
          { token },
        ),
      ).catch((err: unknown) => {
        if (isDomainError(err) && err.kind === 'not_found') {
          return { items: [] };
        }
        throw err;
      });
      const objects = page.items.flatMap((i) => (i.object ? [i.object] : []));
      for (const o of objects) {
        yield { key: o.name, writtenAt: o.lastModified };
      }
      if (objects.length === 0) {
        return;
      }
      marker = objects[objects.length - 1]?.name ?? '';
    }
  }

  async check(): Promise<void> {
    await this.withToken((token) => this.client.listContainers({ account: '', prefix: '', marker: '', limit: 1 }, { token }));
  }

  private ensureContainer(): Promise<void> {
    this.containerReady ??= this.withToken((token) =>
      this.client.ensureContainer({ account: '', container: this.container, metadata: {} }, { token }),
    ).then(
      (res) => {
        if (res.created) {
          this.log.info({ container: this.container }, 'image container created');
        }
      },
      (err: unknown) => {
        this.containerReady = undefined;
        throw err;
      },
    );
    return this.containerReady;
  }

  /** A unary call with the service token, retried once with a fresh token when refused. */
  private async withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    try {
      return await call(await this.tokens.token());
    } catch (err) {
      if (isDomainError(err) && err.kind === 'unauthorized') {
        this.tokens.invalidate();
        return call(await this.tokens.token());
      }
      throw err;
    }
  }
}
