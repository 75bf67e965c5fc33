import 'server-only';
import type { objectstoreV1 } from '@tinystack/contracts';
import { objectStoreClient } from './clients.ts';
import { callOptions } from './request.ts';
import { attempt, type Result } from './result.ts';
import type { Session } from './session.ts';

export type ContainerInfo = objectstoreV1.ContainerInfo;
export type ObjectInfo = objectstoreV1.ObjectInfo;
export type ListedObject = objectstoreV1.ListedObject;

/** Chunks sent to the object store are at most this big (the contract's limit). */
export const CHUNK_BYTES = 1024 * 1024;

/** The account of the session's project (`AUTH_<project id>`), as Swift names it. */
export function accountOf(session: Session): string {
  return session.project ? `AUTH_${session.project.id}` : '';
}

export async function listContainers(
  session: Session,
  opts: { prefix?: string; marker?: string; limit?: number } = {},
): Promise<Result<ContainerInfo[]>> {
  return attempt('object-store', 'list containers', async () => {
    const res = await objectStoreClient().listContainers(
      {
        account: accountOf(session),
        prefix: opts.prefix ?? '',
        marker: opts.marker ?? '',
        limit: opts.limit ?? 0,
      },
      await callOptions(session.token),
    );
    return res.containers;
  });
}

/** Containers, objects and bytes of the whole account (every container, page by page). */
export async function storageUsage(
  session: Session,
): Promise<Result<{ containers: number; objects: number; bytes: number }>> {
  return attempt('object-store', 'storage usage', async () => {
    const total = { containers: 0, objects: 0, bytes: 0 };
    let marker = '';
    for (let page = 0; page < 100; page++) {
      const res = await objectStoreClient().listContainers(
        { account: accountOf(session), prefix: '', marker, limit: 10_000 },
        await callOptions(session.token),
      );
      for (const c of res.containers) {
        total.containers += 1;
        total.objects += c.objectCount;
        total.bytes += c.bytesUsed;
      }
      const last = res.containers.at(-1);
      if (!last || res.containers.length < 10_000) {
        break;
      }
      marker = last.name;
    }
    return total;
  });
}

export async function listObjects(
  session: Session,
  container: string,
  opts: { prefix?: string; delimiter?: string; marker?: string; limit?: number } = {},
): Promise<Result<ListedObject[]>> {
  return attempt('object-store', 'list objects', async () => {
    const res = await objectStoreClient().listObjects(
      {
        account: accountOf(session),
        container,
        prefix: opts.prefix ?? '',
        marker: opts.marker ?? '',
        endMarker: '',
        delimiter: opts.delimiter ?? '',
        limit: opts.limit ?? 0,
      },
      await callOptions(session.token),
    );
    return res.items;
  });
}

export async function ensureContainer(
  session: Session,
  container: string,
  metadata: Record<string, string> = {},
) {
  const res = await objectStoreClient().ensureContainer(
    { account: accountOf(session), container, metadata },
    await callOptions(session.token),
  );
  return res.created;
}

/** Swift's read ACL for "anyone may read and list" (what `swift post -r` sets for public). */
export const PUBLIC_READ_ACL = '.r:*,.rlistings';

export interface ContainerDetails {
  readonly info: ContainerInfo;
  readonly metadata: Record<string, string>;
  readonly readAcl: string;
  /** Anyone may read its objects without a token (a `.r:*` referrer in the read ACL). */
  readonly isPublic: boolean;
}

export async function headContainer(
  session: Session,
  container: string,
): Promise<Result<ContainerDetails>> {
  return attempt('object-store', 'head container', async () => {
    const res = await objectStoreClient().headContainer(
      { account: accountOf(session), container },
      await callOptions(session.token),
    );
    if (!res.container) {
      throw Object.assign(new Error(`No container ${container}.`), { kind: 'not_found' });
    }
    const isPublic = res.readAcl.split(',').some((e) => e.trim() === '.r:*');
    return { info: res.container, metadata: res.metadata, readAcl: res.readAcl, isPublic };
  });
}

/** Public (`.r:*,.rlistings`) or private (no read ACL); throws the service's refusal. */
export async function setContainerPublic(
  session: Session,
  container: string,
  isPublic: boolean,
): Promise<void> {
  await objectStoreClient().ensureContainer(
    {
      account: accountOf(session),
      container,
      metadata: {},
      readAcl: isPublic ? PUBLIC_READ_ACL : '',
    },
    await callOptions(session.token),
  );
}

/** Deletes an empty container; a container holding objects is refused (conflict). */
export async function deleteContainer(session: Session, container: string): Promise<void> {
  await objectStoreClient().deleteContainer(
    { account: accountOf(session), container },
    await callOptions(session.token),
  );
}

export async function deleteObject(
  session: Session,
  container: string,
  name: string,
): Promise<void> {
  await objectStoreClient().deleteObject(
    { account: accountOf(session), container, name },
    await callOptions(session.token),
  );
}

export async function headObject(
  session: Session,
  container: string,
  name: string,
): Promise<ObjectInfo | undefined> {
  const res = await objectStoreClient().headObject(
    { account: accountOf(session), container, name },
    await callOptions(session.token),
  );
  return res.object;
}

/** Splits a byte stream into contract-sized chunks (a browser upload arrives in any sizes). */
export async function* rechunk(
  body: AsyncIterable<Uint8Array>,
  max = CHUNK_BYTES,
): AsyncGenerator<Uint8Array> {
  for await (const piece of body) {
    for (let off = 0; off < piece.byteLength; off += max) {
      yield piece.subarray(off, Math.min(piece.byteLength, off + max));
    }
  }
}

/**
 * Streams an upload to the object store: the header, then the body chunk by chunk. The
 * gRPC stream pulls the next chunk only when the last one was sent, so the dashboard holds
 * at most a chunk or two of any upload in memory.
 */
export async function putObject(
  session: Session,
  target: { container: string; name: string; contentType: string; size: number },
  body: AsyncIterable<Uint8Array>,
  signal?: AbortSignal,
): Promise<ObjectInfo | undefined> {
  const account = accountOf(session);
  async function* requests(): AsyncGenerator<objectstoreV1.PutObjectRequest> {
    yield {
      header: {
        account,
        container: target.container,
        name: target.name,
        contentType: target.contentType,
        metadata: {},
        etag: '',
        size: target.size,
        deleteAt: 0,
      },
    };
    for await (const chunk of rechunk(body)) {
      yield { chunk };
    }
    // the upload is complete only with this message (a cut-off stream stores nothing)
    yield { end: {} };
  }
  const opts = await callOptions(session.token);
  const res = await objectStoreClient().putObject(requests(), {
    ...opts,
    timeoutMs: 24 * 3600_000,
    ...(signal ? { signal } : {}),
  });
  return res.object;
}

/** The object's info (first message), then its bytes as they arrive. */
export async function getObject(
  session: Session,
  container: string,
  name: string,
  signal?: AbortSignal,
): Promise<{ info: ObjectInfo; chunks: AsyncIterable<Uint8Array> }> {
  const opts = await callOptions(session.token);
  const stream = objectStoreClient().getObject(
    { account: accountOf(session), container, name },
    { ...opts, ...(signal ? { signal } : {}) },
  );
  const it = stream[Symbol.asyncIterator]();
  const first = await it.next();
  const info = first.done ? undefined : first.value.info;
  if (!info) {
    throw Object.assign(new Error('The object store sent no object info.'), { kind: 'internal' });
  }
  async function* rest(): AsyncGenerator<Uint8Array> {
    for (;;) {
      const n = await it.next();
      if (n.done) {
        return;
      }
      if (n.value.chunk) {
        yield n.value.chunk;
      }
    }
  }
  return { info, chunks: rest() };
}
