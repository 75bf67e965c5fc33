import type { imageV1 } from '@tinystack/contracts';
import type { ImageRecord } from '../images/image.model.js';

/** An image as the gRPC contract carries it (empty strings for unset text, unset sizes omitted). */
export function toProtoImage(r: ImageRecord): imageV1.Image {
  return {
    id: r.id,
    name: r.name ?? '',
    status: r.status,
    visibility: r.visibility,
    owner: r.owner ?? '',
    diskFormat: r.diskFormat ?? '',
    containerFormat: r.containerFormat ?? '',
    ...(r.size !== null ? { size: r.size } : {}),
    ...(r.virtualSize !== null ? { virtualSize: r.virtualSize } : {}),
    checksum: r.checksum ?? '',
    osHashAlgo: r.osHashAlgo ?? '',
    osHashValue: r.osHashValue ?? '',
    minDisk: r.minDisk,
    minRam: r.minRam,
    protected: r.protected,
    osHidden: r.osHidden,
    tags: r.tags,
    properties: r.properties,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** A snapshot header as the body POST /v2/images would get, so both edges validate alike. */
export function snapshotCreateBody(h: imageV1.SnapshotHeader): Record<string, unknown> {
  return {
    ...h.properties,
    name: h.name,
    disk_format: h.diskFormat || null,
    container_format: h.containerFormat || null,
    visibility: h.visibility || 'private',
    min_disk: h.minDisk,
    min_ram: h.minRam,
    tags: h.tags,
  };
}

/** ListImages as the query string GET /v2/images would get. */
export function listQueryOf(req: imageV1.ListImagesRequest): URLSearchParams {
  const q = new URLSearchParams();
  const set = (k: string, v: string | number) => v && q.set(k, String(v));
  set('visibility', req.visibility);
  set('limit', req.limit);
  set('marker', req.marker);
  set('name', req.name);
  set('status', req.status);
  for (const tag of req.tags) {
    q.append('tag', tag);
  }
  return q;
}

/**
 * UpdateImage as the JSON patch PATCH /v2/images/{id} would get, so both edges validate
 * alike: `replace` for base attributes, `add` to set a property, `remove` to drop one.
 */
export function updatePatchOf(req: imageV1.UpdateImageRequest): Array<Record<string, unknown>> {
  const ops: Array<Record<string, unknown>> = [];
  const base: Array<[string, unknown]> = [
    ['name', req.name],
    ['visibility', req.visibility],
    ['protected', req.protected],
    ['min_disk', req.minDisk],
    ['min_ram', req.minRam],
  ];
  for (const [key, value] of base) {
    if (value !== undefined) {
      ops.push({ op: 'replace', path: `/${key}`, value });
    }
  }
  for (const [key, value] of Object.entries(req.setProperties)) {
    ops.push({ op: 'add', path: `/${pointerToken(key)}`, value });
  }
  for (const key of req.removeProperties) {
    ops.push({ op: 'remove', path: `/${pointerToken(key)}` });
  }
  return ops;
}

/** RFC 6901 escaping of one JSON pointer token. */
const pointerToken = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
