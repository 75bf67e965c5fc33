import { DomainError } from '@tinystack/errors';

/** The bytes are not the declared disk_format (Glance's format check since the 2024 fixes). */
export class ImageFormatMismatch extends DomainError {
  constructor(declared: string, detected: string) {
    super('bad_request', `Image disk_format is ${declared}, but the data was detected as ${detected}.`);
  }
}

/** The bytes are the declared format, but one a hypervisor could be tricked with. */
export class UnsafeImage extends DomainError {
  constructor(format: string, problem: string) {
    super('bad_request', `Image data failed the ${format} safety check: ${problem}.`);
  }
}
