import { DomainError } from '@tinystack/errors';

/** Glance's 413 for data beyond image_size_cap. */
export class ImageTooLarge extends DomainError {
  constructor(limit: number, size?: number) {
    super(
      'payload_too_large',
      `The incoming image is too large: ${size !== undefined ? `${size} bytes exceed` : 'it exceeds'} the limit of ${limit} bytes.`,
    );
  }
}

/** An upload shorter or longer than its Content-Length. */
export class ImageSizeMismatch extends DomainError {
  constructor(expected: number, got: number) {
    super('bad_request', `The image data was ${got} bytes long, but Content-Length said ${expected}.`);
  }
}
