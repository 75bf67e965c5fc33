import type { ErrorBodyShape } from '@tinystack/http';
import { standardBody } from '../shared/swift-errors.js';

/**
 * Swift error bodies: text/html, the DomainError's message when it is a Swift body, the
 * standard body for framework errors (unknown route) and unexpected ones (500).
 */
export const swiftErrorShape: ErrorBodyShape = (e) => {
  const generic = e.kind === 'internal' || e.message === 'The resource could not be found.' || e.message.startsWith('Cannot ');
  const body = generic ? standardBody(e.kind) : e.message;
  return { body, contentType: 'text/html; charset=UTF-8' };
};
