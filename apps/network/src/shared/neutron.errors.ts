import { DomainError, type ErrorKind } from '@tinystack/errors';

/**
 * A Neutron error: the HTTP status comes from `kind`, the body's `type` from `type`
 * (neutron-lib's exception class names, which python-neutronclient and openstacksdk map
 * back to exceptions).
 */
export const neutronError = (kind: ErrorKind, type: string, message: string): DomainError =>
  new DomainError(kind, message, {}, type);

/** The resources whose "X could not be found." errors clients parse. */
export type ResourceName = 'Network' | 'Subnet' | 'Port' | 'Security group' | 'Security group rule' | 'Router' | 'Floating IP';

const NOT_FOUND_TYPES: Record<ResourceName, string> = {
  Network: 'NetworkNotFound',
  Subnet: 'SubnetNotFound',
  Port: 'PortNotFound',
  'Security group': 'SecurityGroupNotFound',
  'Security group rule': 'SecurityGroupRuleNotFound',
  Router: 'RouterNotFound',
  'Floating IP': 'FloatingIPNotFound',
};

export const notFoundOf = (resource: ResourceName, id: string): DomainError =>
  neutronError('not_found', NOT_FOUND_TYPES[resource], `${resource} ${id} could not be found.`);

export const invalidInput = (message: string): DomainError =>
  neutronError('bad_request', 'HTTPBadRequest', `Invalid input for operation: ${message}`);

export const inUse = (type: string, message: string): DomainError => neutronError('conflict', type, message);

export const policyDenied = (action: string): DomainError =>
  neutronError('forbidden', 'PolicyNotAuthorized', `(rule:${action}) is disallowed by policy.`);

export const overQuota = (resource: string): DomainError =>
  neutronError('conflict', 'OverQuota', `Quota exceeded for resources: ['${resource}'].`);
