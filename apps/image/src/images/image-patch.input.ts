import { DomainError } from '@tinystack/errors';
import { validateAttribute } from './image-attributes.js';
import { READ_ONLY_ATTRIBUTES, isReservedAttribute } from './image.model.js';
import { InvalidImageInput, readOnly, reserved } from './images.errors.js';

/** The one JSON-patch media type of Glance's image API v2.1 (RFC 6902 operation objects). */
export const JSON_PATCH_TYPE = 'application/openstack-images-v2.1-json-patch';

export type PatchOp = 'add' | 'replace' | 'remove';

/** One validated change: `path` is the top-level key the operation targets. */
export interface ImageChange {
  readonly op: PatchOp;
  readonly path: string;
  readonly value?: unknown;
}

const OPS: readonly PatchOp[] = ['add', 'remove', 'replace'];

/** Glance's JSON pointer checks (images.py _validate_json_pointer), then its one-level limit. */
function decodePointer(pointer: string): string {
  const fail = (why: string) => new InvalidImageInput(`Pointer \`${pointer}\` ${why}`);
  if (!pointer.startsWith('/')) {
    throw fail('does not start with "/".');
  }
  if (/\/\s*?\//.test(pointer.slice(1))) {
    throw fail('contains adjacent "/".');
  }
  if (pointer.length > 1 && pointer.endsWith('/')) {
    throw fail('end with "/".');
  }
  if (pointer.slice(1).trim() === '/') {
    throw fail('does not contains valid token.');
  }
  if (/~[^01]/.test(pointer) || pointer.endsWith('~')) {
    throw fail('contains "~" not part of a recognized escape sequence.');
  }
  const parts = pointer
    .replace(/^\/+/, '')
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~').trim());
  if (parts.length !== 1 || parts[0] === '') {
    throw new InvalidImageInput(`Invalid JSON pointer for this resource: '/${parts.join('/')}'`);
  }
  return parts[0];
}

function parseOne(raw: unknown): ImageChange {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InvalidImageInput('Operations must be JSON objects.');
  }
  const o = raw as Record<string, unknown>;
  for (const key of ['op', 'path']) {
    if (!(key in o)) {
      throw new InvalidImageInput(`Unable to find '${key}' in JSON Schema change`);
    }
  }
  const op = o['op'] as PatchOp;
  if (!OPS.includes(op)) {
    throw new InvalidImageInput(`Invalid operation: \`${String(o['op'])}\`. It must be one of the following: ${OPS.join(', ')}.`);
  }
  const path = decodePointer(String(o['path']));
  if (op !== 'remove' && !('value' in o)) {
    throw new InvalidImageInput(`Operation "${op}" requires a member named "value".`);
  }
  if (READ_ONLY_ATTRIBUTES.has(path)) {
    throw readOnly(path);
  }
  if (isReservedAttribute(path)) {
    throw reserved(path);
  }
  if (op === 'remove') {
    return { op, path };
  }
  return { op, path, value: validateAttribute(path, o['value']) };
}

/**
 * PATCH /v2/images/{id}: the content type must be Glance's JSON-patch type (415 with
 * Accept-Patch otherwise) and the body an array of add / replace / remove operations on
 * top-level keys.
 */
export function parseImagePatch(contentType: string | undefined, body: unknown): ImageChange[] {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== JSON_PATCH_TYPE) {
    throw new DomainError(
      'unsupported_media_type',
      `The request media type ${type || 'None'} is not supported by this server.`,
      { 'Accept-Patch': JSON_PATCH_TYPE },
    );
  }
  if (!Array.isArray(body)) {
    throw new InvalidImageInput('Request body must be a JSON array of operation objects.');
  }
  return body.map(parseOne);
}
