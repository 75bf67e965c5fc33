import type { ImageRecord } from './image.model.js';

/** Glance's timestamps: ISO 8601, whole seconds, `Z`. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * An image as Glance's API shows it: custom properties as top-level keys, then the base
 * attributes, the tags and the self / file / schema links.
 */
export function toImageView(r: ImageRecord): Record<string, unknown> {
  return {
    ...r.properties,
    name: r.name,
    disk_format: r.diskFormat,
    container_format: r.containerFormat,
    visibility: r.visibility,
    size: r.size,
    virtual_size: r.virtualSize,
    status: r.status,
    checksum: r.checksum,
    protected: r.protected,
    min_ram: r.minRam,
    min_disk: r.minDisk,
    owner: r.owner,
    os_hidden: r.osHidden,
    os_hash_algo: r.osHashAlgo,
    os_hash_value: r.osHashValue,
    id: r.id,
    created_at: isoTime(r.createdAt),
    updated_at: isoTime(r.updatedAt),
    tags: r.tags,
    self: `/v2/images/${r.id}`,
    file: `/v2/images/${r.id}/file`,
    schema: '/v2/schemas/image',
  };
}
