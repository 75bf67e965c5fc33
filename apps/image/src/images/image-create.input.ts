import { validateAttribute } from './image-attributes.js';
import {
  BASE_ATTRIBUTES,
  READ_ONLY_ATTRIBUTES,
  isReservedAttribute,
  type ContainerFormat,
  type DiskFormat,
  type Visibility,
} from './image.model.js';
import { InvalidImageInput, readOnly, reserved, schemaMismatch } from './images.errors.js';

/** POST /v2/images, validated: base attributes, tags, and every other key as a custom property. */
export interface CreateImageInput {
  id?: string;
  name?: string | null;
  visibility?: Visibility;
  protected?: boolean;
  osHidden?: boolean;
  minRam?: number;
  minDisk?: number;
  containerFormat?: ContainerFormat | null;
  diskFormat?: DiskFormat | null;
  owner?: string | null;
  tags: string[];
  properties: Record<string, string>;
}

const ATTRIBUTE_FIELDS: Record<string, keyof CreateImageInput> = {
  id: 'id',
  name: 'name',
  visibility: 'visibility',
  protected: 'protected',
  os_hidden: 'osHidden',
  min_ram: 'minRam',
  min_disk: 'minDisk',
  container_format: 'containerFormat',
  disk_format: 'diskFormat',
  owner: 'owner',
};

/** Glance's checks on a create body, in its order: read-only and reserved keys (403), then the schema (400). */
function checkKeys(body: Record<string, unknown>): void {
  for (const key of Object.keys(body)) {
    if (READ_ONLY_ATTRIBUTES.has(key) && key !== 'id') {
      throw readOnly(key);
    }
    if (isReservedAttribute(key)) {
      throw reserved(key);
    }
  }
}

export function parseCreateImage(body: unknown): CreateImageInput {
  if (body === undefined) {
    throw new InvalidImageInput('Body expected in request.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw schemaMismatch(`${JSON.stringify(body)} is not of type 'object'`);
  }
  const raw = body as Record<string, unknown>;
  checkKeys(raw);
  const input: CreateImageInput = { tags: [], properties: {} };
  const fields = input as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(raw)) {
    const parsed = validateAttribute(key, value);
    if (key === 'tags') {
      input.tags = [...new Set(parsed as string[])];
    } else if (BASE_ATTRIBUTES.has(key)) {
      fields[ATTRIBUTE_FIELDS[key] ?? key] = parsed;
    } else if (key.length > 255) {
      throw new InvalidImageInput('Custom property should not be greater than 255 characters.');
    } else if (parsed !== null) {
      input.properties[key] = parsed as string;
    }
  }
  return input;
}
