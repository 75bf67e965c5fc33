import { DomainError } from '@tinystack/errors';

/**
 * Nova's exceptions that cross the API, with Nova's messages. Each is a DomainError whose
 * kind the HTTP edge maps once to Nova's fault shape (nova-fault.shape.ts).
 */
export class ServerNotFound extends DomainError {
  constructor(id: string) {
    super('not_found', `Instance ${id} could not be found.`);
  }
}

export class FlavorNotFound extends DomainError {
  constructor(id: string) {
    super('not_found', `Flavor ${id} could not be found.`);
  }
}

export class KeypairNotFound extends DomainError {
  constructor(name: string, userId: string) {
    super('not_found', `Keypair ${name} not found for user ${userId}`);
  }
}

export class ImageNotFound extends DomainError {
  constructor(id: string) {
    super('not_found', `Image ${id} could not be found.`);
  }
}

/** A server action refused in the server's current state (Nova's InstanceInvalidState). */
export class InstanceInvalidState extends DomainError {
  constructor(message: string) {
    super('conflict', message);
  }
}

export class InstanceIsLocked extends DomainError {
  constructor(id: string) {
    super('conflict', `Instance ${id} is locked`);
  }
}

/** Over a quota: Nova answers 403 for quota errors of the compute API. */
export class OverQuota extends DomainError {
  constructor(message: string) {
    super('forbidden', message);
  }
}

export class NoValidHost extends DomainError {
  constructor(reason: string) {
    super('unavailable', `No valid host was found. ${reason}`);
  }
}
