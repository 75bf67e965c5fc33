import { CONTAINER_FORMATS, DISK_FORMATS, IMAGE_STATUSES, MEMBER_STATUSES, VISIBILITIES } from '../images/image.model.js';

/** JSON schema documents as Glance serves them at /v2/schemas/* (glanceclient builds its models from them). */
type JsonSchema = Record<string, unknown>;

const UUID_PATTERN = '^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$';

const str = (description: string, extra: JsonSchema = {}): JsonSchema => ({ type: 'string', description, ...extra });
const nullableStr = (description: string, extra: JsonSchema = {}): JsonSchema => ({
  type: ['null', 'string'],
  description,
  ...extra,
});
const readOnlyStr = (description: string, extra: JsonSchema = {}): JsonSchema => ({
  type: 'string',
  readOnly: true,
  description,
  ...extra,
});

/** Glance's base properties a client may set. */
function settableImageProperties(): Record<string, JsonSchema> {
  return {
    id: str('An identifier for the image', { pattern: UUID_PATTERN }),
    name: nullableStr('Descriptive name for the image', { maxLength: 255 }),
    status: readOnlyStr('Status of the image', { enum: [...IMAGE_STATUSES] }),
    visibility: str('Scope of image accessibility', { enum: [...VISIBILITIES] }),
    protected: { type: 'boolean', description: 'If true, image will not be deletable.' },
    os_hidden: { type: 'boolean', description: 'If true, image will not appear in default image list response.' },
    owner: nullableStr('Owner of the image', { maxLength: 255 }),
    container_format: nullableStr('Format of the container', { enum: [null, ...CONTAINER_FORMATS] }),
    disk_format: nullableStr('Format of the disk', { enum: [null, ...DISK_FORMATS] }),
    tags: {
      type: 'array',
      description: 'List of strings related to the image',
      items: { type: 'string', maxLength: 255 },
    },
    min_ram: { type: 'integer', description: 'Amount of ram (in MB) required to boot image.' },
    min_disk: { type: 'integer', description: 'Amount of disk space (in GB) required to boot image.' },
  };
}

/** Glance's read-only base properties and links. */
function readOnlyImageProperties(): Record<string, JsonSchema> {
  return {
    checksum: nullableStr('md5 hash of image contents.', { readOnly: true, maxLength: 32 }),
    os_hash_algo: nullableStr('Algorithm to calculate the os_hash_value', { readOnly: true, maxLength: 64 }),
    os_hash_value: nullableStr('Hexdigest of the image contents using the algorithm specified by the os_hash_algo', {
      readOnly: true,
      maxLength: 128,
    }),
    size: { type: ['null', 'integer'], readOnly: true, description: 'Size of image file in bytes' },
    virtual_size: { type: ['null', 'integer'], readOnly: true, description: 'Virtual size of image in bytes' },
    created_at: readOnlyStr('Date and time of image registration'),
    updated_at: readOnlyStr('Date and time of the last image modification'),
    direct_url: readOnlyStr('URL to access the image file kept in external store'),
    self: readOnlyStr('An image self url'),
    file: readOnlyStr('An image file url'),
    stores: readOnlyStr('Store in which image data resides.'),
    schema: readOnlyStr('An image schema url'),
    locations: {
      type: 'array',
      items: {
        type: 'object',
        properties: { url: { type: 'string', maxLength: 255 }, metadata: { type: 'object' } },
        required: ['url', 'metadata'],
      },
      description: 'A set of URLs to access the image file kept in external store',
    },
  };
}

/** Glance's etc/schema-image.json: well-known custom properties. */
function customImageProperties(): Record<string, JsonSchema> {
  return {
    kernel_id: nullableStr('ID of image stored in Glance that should be used as the kernel when booting an AMI-style image.', {
      pattern: UUID_PATTERN,
    }),
    ramdisk_id: nullableStr('ID of image stored in Glance that should be used as the ramdisk when booting an AMI-style image.', {
      pattern: UUID_PATTERN,
    }),
    instance_uuid: str('Metadata which can be used to record which instance this image is associated with.'),
    architecture: str('Operating system architecture as specified in https://docs.openstack.org/python-glanceclient/latest/cli/property-keys.html'),
    os_distro: str('Common name of operating system distribution as specified in https://docs.openstack.org/python-glanceclient/latest/cli/property-keys.html'),
    os_version: str('Operating system version as specified by the distributor.'),
    description: str('A human-readable string describing this image.'),
  };
}

export function imageSchema(): JsonSchema {
  return {
    name: 'image',
    properties: { ...settableImageProperties(), ...readOnlyImageProperties(), ...customImageProperties() },
    additionalProperties: { type: 'string' },
    links: [
      { rel: 'self', href: '{self}' },
      { rel: 'enclosure', href: '{file}' },
      { rel: 'describedby', href: '{schema}' },
    ],
  };
}

function collectionSchema(name: string, item: JsonSchema): JsonSchema {
  return {
    name,
    properties: {
      [name]: { type: 'array', items: item },
      first: { type: 'string' },
      next: { type: 'string' },
      schema: { type: 'string' },
    },
    links: [
      { rel: 'first', href: '{first}' },
      { rel: 'next', href: '{next}' },
      { rel: 'describedby', href: '{schema}' },
    ],
  };
}

export const imagesSchema = (): JsonSchema => collectionSchema('images', imageSchema());

export function memberSchema(): JsonSchema {
  return {
    name: 'member',
    properties: {
      member_id: str('An identifier for the image member (tenantId)'),
      image_id: str('An identifier for the image', { pattern: UUID_PATTERN }),
      created_at: str('Date and time of image member creation'),
      updated_at: str('Date and time of last modification of image member'),
      status: str('The status of this image member', { enum: [...MEMBER_STATUSES] }),
      schema: { readOnly: true, type: 'string' },
    },
    additionalProperties: false,
  };
}

export const membersSchema = (): JsonSchema => collectionSchema('members', memberSchema());
