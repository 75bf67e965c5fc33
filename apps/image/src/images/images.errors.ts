import { DomainError } from '@tinystack/errors';

/** Glance's messages for the image API's errors. */
export class ImageNotFound extends DomainError {
  constructor(id: string) {
    super('not_found', `No image found with ID ${id}`);
  }
}

export class ImageConflict extends DomainError {
  constructor(message: string) {
    super('conflict', message);
  }
}

export class ImageForbidden extends DomainError {
  constructor(message = 'You are not authorized to complete this action.') {
    super('forbidden', message);
  }
}

export class InvalidImageInput extends DomainError {
  constructor(message: string) {
    super('bad_request', message);
  }
}

export const readOnly = (key: string) => new ImageForbidden(`Attribute '${key}' is read-only.`);
export const reserved = (key: string) => new ImageForbidden(`Attribute '${key}' is reserved.`);
export const schemaMismatch = (reason: string) =>
  new InvalidImageInput(`Provided object does not match schema 'image': ${reason}`);
