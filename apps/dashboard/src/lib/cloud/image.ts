import 'server-only';
import { cache } from 'react';
import type { imageV1 } from '@tinystack/contracts';
import { imageClient } from './clients.ts';
import { rechunk } from './object-store.ts';
import { callOptions } from './request.ts';
import { attempt, type Result } from './result.ts';
import type { Session } from './session.ts';

export type Image = imageV1.Image;

/** Every image the user sees (public, the project's own, shared with it), newest first. */
export const listImages = cache(async (session: Session): Promise<Result<Image[]>> =>
  attempt('image', 'list images', async () => {
    const out: Image[] = [];
    let marker = '';
    for (let page = 0; page < 50; page++) {
      const res = await imageClient().listImages(
        { visibility: 'all', limit: 1000, marker, tags: [], name: '', status: '' },
        await callOptions(session.token),
      );
      out.push(...res.images);
      if (!res.nextMarker) {
        break;
      }
      marker = res.nextMarker;
    }
    return out;
  }),
);

export async function getImage(session: Session, id: string): Promise<Result<Image>> {
  return attempt('image', 'get image', async () => {
    const res = await imageClient().getImage({ id }, await callOptions(session.token));
    if (!res.image) {
      throw Object.assign(new Error(`No image with ID ${id} exists.`), { kind: 'not_found' });
    }
    return res.image;
  });
}

export interface NewImage {
  readonly name: string;
  readonly diskFormat: string;
  readonly containerFormat: string;
  readonly visibility: string;
  readonly minDisk: number;
  readonly minRam: number;
  readonly size: number;
}

/**
 * A new image from bytes streamed in: the image contract's CreateSnapshot, which creates
 * the image and stores its data in one call (active when it returns, nothing left behind
 * when it fails). Chunks go out as the browser sends them.
 */
export async function uploadImage(
  session: Session,
  img: NewImage,
  body: AsyncIterable<Uint8Array>,
  signal?: AbortSignal,
): Promise<Image | undefined> {
  async function* requests(): AsyncGenerator<imageV1.CreateSnapshotRequest> {
    yield {
      header: {
        name: img.name,
        diskFormat: img.diskFormat,
        containerFormat: img.containerFormat,
        visibility: img.visibility,
        minDisk: img.minDisk,
        minRam: img.minRam,
        properties: {},
        tags: [],
        size: img.size,
      },
    };
    for await (const chunk of rechunk(body)) {
      yield { chunk };
    }
  }
  const opts = await callOptions(session.token);
  const res = await imageClient().createSnapshot(requests(), {
    ...opts,
    timeoutMs: 24 * 3600_000,
    ...(signal ? { signal } : {}),
  });
  return res.image;
}

export interface ImageUpdate {
  readonly name?: string;
  readonly visibility?: string;
  readonly protected?: boolean;
  readonly setProperties: Record<string, string>;
  readonly removeProperties: string[];
}

/** Changes the image (UpdateImage, the REST PATCH's rules); throws the service's refusal. */
export async function updateImage(
  session: Session,
  id: string,
  changes: ImageUpdate,
): Promise<Image | undefined> {
  const res = await imageClient().updateImage({ id, ...changes }, await callOptions(session.token));
  return res.image;
}

/** Deletes the image and its data; a protected image is refused (forbidden). */
export async function deleteImage(session: Session, id: string): Promise<void> {
  await imageClient().deleteImage({ id }, await callOptions(session.token));
}
