import type { ImageChange } from './image-patch.input.js';
import type { ContainerFormat, DiskFormat, ImageRecord, Visibility } from './image.model.js';
import { BASE_ATTRIBUTES } from './image.model.js';
import { ImageConflict, ImageForbidden } from './images.errors.js';
import { checkNonNegative, checkQuotas, checkVisibility } from './image-rules.js';

export interface PatchContext {
  readonly isAdmin: boolean;
}

function setFormat(image: ImageRecord, key: 'disk_format' | 'container_format', value: unknown): void {
  const current = key === 'disk_format' ? image.diskFormat : image.containerFormat;
  if (value !== current && image.status !== 'queued') {
    throw new ImageForbidden(`Attribute ${key} can be only replaced for a queued image.`);
  }
  if (key === 'disk_format') {
    image.diskFormat = value as DiskFormat | null;
  } else {
    image.containerFormat = value as ContainerFormat | null;
  }
}

/** Set one base attribute, with Glance's domain rules. */
function setAttribute(image: ImageRecord, key: string, value: unknown, ctx: PatchContext): void {
  switch (key) {
    case 'name':
      image.name = value as string | null;
      return;
    case 'visibility':
      checkVisibility(value as Visibility, ctx.isAdmin);
      image.visibility = value as Visibility;
      return;
    case 'protected':
      image.protected = value as boolean;
      return;
    case 'os_hidden':
      image.osHidden = value as boolean;
      return;
    case 'min_ram':
    case 'min_disk':
      checkNonNegative(key, value as number);
      image[key === 'min_ram' ? 'minRam' : 'minDisk'] = value as number;
      return;
    case 'disk_format':
    case 'container_format':
      setFormat(image, key, value);
      return;
    case 'owner':
      if (!ctx.isAdmin && value !== image.owner) {
        throw new ImageForbidden("You are not permitted to modify 'owner' on this image.");
      }
      image.owner = value as string | null;
      return;
    case 'tags':
      image.tags = [...new Set(value as string[])].sort();
      return;
    default:
      throw new ImageForbidden(`Attribute '${key}' is read-only.`);
  }
}

function applyCustom(image: ImageRecord, change: ImageChange): void {
  const exists = Object.hasOwn(image.properties, change.path);
  if (change.op === 'remove' || change.op === 'replace') {
    if (!exists) {
      throw new ImageConflict(`Property ${change.path} does not exist.`);
    }
  }
  if (change.op === 'remove') {
    delete image.properties[change.path];
  } else if (change.value === null) {
    delete image.properties[change.path];
  } else {
    image.properties[change.path] = change.value as string;
  }
}

/**
 * Apply a JSON patch to a copy of `image`, as Glance's v2.1 semantics: `add` and `replace`
 * set base attributes; `add` creates or overwrites a custom property, `replace` and
 * `remove` need it to exist (409); base attributes cannot be removed (403).
 */
export function applyImagePatch(image: ImageRecord, changes: readonly ImageChange[], ctx: PatchContext): ImageRecord {
  const next: ImageRecord = { ...image, tags: [...image.tags], properties: { ...image.properties } };
  for (const change of changes) {
    if (!BASE_ATTRIBUTES.has(change.path)) {
      applyCustom(next, change);
    } else if (change.op === 'remove') {
      throw new ImageForbidden(`Property ${change.path} may not be removed.`);
    } else {
      setAttribute(next, change.path, change.value, ctx);
    }
  }
  checkQuotas(next);
  return next;
}
