import { DomainError } from '@tinystack/errors';

/** The DomainErrors the hypervisor driver throws (see HypervisorDriver's failure semantics). */
export const guestNotFound = (id: string) =>
  new DomainError('not_found', `Guest ${id} does not exist on this host.`);

export const guestAlreadyExists = (id: string) =>
  new DomainError('conflict', `Guest ${id} already exists on this host.`);

export const guestStateConflict = (id: string, op: string, state: string) =>
  new DomainError('conflict', `Cannot ${op} guest ${id} while it is ${state}.`);

export const invalidGuestSpec = (msg: string) => new DomainError('bad_request', msg);

export const hypervisorUnavailable = (msg: string) =>
  new DomainError('unavailable', `The hypervisor is unavailable: ${msg}`);

export const hypervisorFailure = (msg: string) => new DomainError('internal', msg);
