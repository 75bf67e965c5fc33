/** Glance's image statuses (the ones tinystack uses: queued, saving, uploading, importing, active, deactivated). */
export const IMAGE_STATUSES = [
  'queued',
  'saving',
  'active',
  'killed',
  'deleted',
  'uploading',
  'importing',
  'pending_delete',
  'deactivated',
] as const;
export type ImageStatus = (typeof IMAGE_STATUSES)[number];

export const VISIBILITIES = ['public', 'private', 'shared', 'community'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** Disk formats accepted; each one's bytes are checked by format-inspection/. */
export const DISK_FORMATS = ['ami', 'ari', 'aki', 'vhd', 'vhdx', 'vmdk', 'raw', 'qcow2', 'vdi', 'iso'] as const;
export type DiskFormat = (typeof DISK_FORMATS)[number];

export const CONTAINER_FORMATS = ['ami', 'ari', 'aki', 'bare', 'ovf', 'ova', 'docker', 'compressed'] as const;
export type ContainerFormat = (typeof CONTAINER_FORMATS)[number];

export const MEMBER_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** The secure hash Glance computes besides MD5 (os_hash_algo). */
export const HASH_ALGO = 'sha512';

/** Glance's per-image quotas (image_property_quota, image_tag_quota, image_member_quota). */
export const PROPERTY_QUOTA = 128;
export const TAG_QUOTA = 128;
export const MEMBER_QUOTA = 128;

/** An image with its tags and custom properties, as the services see it. */
export interface ImageRecord {
  readonly id: string;
  name: string | null;
  owner: string | null;
  status: ImageStatus;
  visibility: Visibility;
  diskFormat: DiskFormat | null;
  containerFormat: ContainerFormat | null;
  size: number | null;
  virtualSize: number | null;
  checksum: string | null;
  osHashAlgo: string | null;
  osHashValue: string | null;
  minDisk: number;
  minRam: number;
  protected: boolean;
  osHidden: boolean;
  dataKey: string | null;
  readonly createdAt: number;
  updatedAt: number;
  tags: string[];
  properties: Record<string, string>;
}

/** Attributes stored in the images table that a client may set (create and patch). */
export const WRITABLE_ATTRIBUTES = [
  'name',
  'visibility',
  'protected',
  'os_hidden',
  'min_ram',
  'min_disk',
  'container_format',
  'disk_format',
  'owner',
  'tags',
] as const;
export type WritableAttribute = (typeof WRITABLE_ATTRIBUTES)[number];

/** Glance's base properties: they are attributes of the image, never custom properties. */
export const BASE_ATTRIBUTES = new Set<string>([
  ...WRITABLE_ATTRIBUTES,
  'id',
  'status',
  'checksum',
  'os_hash_algo',
  'os_hash_value',
  'size',
  'virtual_size',
  'created_at',
  'updated_at',
]);

/** Set by the service only: a create or patch naming one gets 403 "is read-only". */
export const READ_ONLY_ATTRIBUTES = new Set<string>([
  'id',
  'status',
  'checksum',
  'os_hash_algo',
  'os_hash_value',
  'size',
  'virtual_size',
  'created_at',
  'updated_at',
  'direct_url',
  'self',
  'file',
  'schema',
  'stores',
]);

/** Never settable: 403 "is reserved" (os_glance_* is Glance's reserved namespace). */
export function isReservedAttribute(key: string): boolean {
  return ['location', 'locations', 'deleted', 'deleted_at'].includes(key) || key.startsWith('os_glance');
}
