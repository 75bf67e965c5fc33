import { DomainError } from '@tinystack/errors';
import { PROPERTY_QUOTA, TAG_QUOTA, type ImageRecord, type Visibility } from './image.model.js';
import { ImageForbidden, InvalidImageInput } from './images.errors.js';

/** Domain rules shared by create and update (Glance's domain layer and default policy). */

/** Only admins publicize images (Glance's publicize_image policy). */
export function checkVisibility(visibility: Visibility, isAdmin: boolean): void {
  if (visibility === 'public' && !isAdmin) {
    throw new ImageForbidden('You are not authorized to complete publicize_image action.');
  }
}

/** min_disk and min_ram are sizes: never negative. */
export function checkNonNegative(field: 'min_disk' | 'min_ram', value: number): void {
  if (value < 0) {
    throw new InvalidImageInput(`Invalid value '${value}' for parameter '${field}': Cannot be a negative value.`);
  }
}

/** Glance's image_property_quota and image_tag_quota: 413 when exceeded. */
export function checkQuotas(image: Pick<ImageRecord, 'properties' | 'tags'>): void {
  const props = Object.keys(image.properties).length;
  if (props > PROPERTY_QUOTA) {
    throw new DomainError(
      'payload_too_large',
      `The limit has been exceeded on the number of allowed image properties. Attempted: ${props}, Maximum: ${PROPERTY_QUOTA}`,
    );
  }
  if (image.tags.length > TAG_QUOTA) {
    throw new DomainError(
      'payload_too_large',
      `The limit has been exceeded on the number of allowed image tags. Attempted: ${image.tags.length}, Maximum: ${TAG_QUOTA}`,
    );
  }
}

/** Only admins give an image to another project. */
export function checkOwner(owner: string | null, callerProject: string | undefined, isAdmin: boolean): void {
  if (!isAdmin && owner !== (callerProject ?? null)) {
    throw new ImageForbidden(`You are not permitted to create images owned by '${owner ?? ''}'.`);
  }
}
