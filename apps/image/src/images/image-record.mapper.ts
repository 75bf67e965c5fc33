import type { ImageEntity } from './image.entity.js';
import type { ContainerFormat, DiskFormat, ImageRecord, ImageStatus, Visibility } from './image.model.js';

/** The row behind a record (tags and properties live in their own tables). */
export function toEntity(r: ImageRecord): ImageEntity {
  return {
    id: r.id,
    name: r.name,
    owner: r.owner,
    status: r.status,
    visibility: r.visibility,
    diskFormat: r.diskFormat,
    containerFormat: r.containerFormat,
    size: r.size,
    virtualSize: r.virtualSize,
    checksum: r.checksum,
    osHashAlgo: r.osHashAlgo,
    osHashValue: r.osHashValue,
    minDisk: r.minDisk,
    minRam: r.minRam,
    protected: r.protected,
    osHidden: r.osHidden,
    dataKey: r.dataKey,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export function toRecord(e: ImageEntity, tags: string[], properties: Record<string, string>): ImageRecord {
  return {
    id: e.id,
    name: e.name,
    owner: e.owner,
    status: e.status as ImageStatus,
    visibility: e.visibility as Visibility,
    diskFormat: e.diskFormat as DiskFormat | null,
    containerFormat: e.containerFormat as ContainerFormat | null,
    size: e.size,
    virtualSize: e.virtualSize,
    checksum: e.checksum,
    osHashAlgo: e.osHashAlgo,
    osHashValue: e.osHashValue,
    minDisk: e.minDisk,
    minRam: e.minRam,
    protected: Boolean(e.protected),
    osHidden: Boolean(e.osHidden),
    dataKey: e.dataKey,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    tags: [...tags].sort(),
    properties,
  };
}
