import type { IncomingHttpHeaders } from 'node:http';
import { cleanAcl } from '../acl/acl.js';
import { headerText, type Meta } from '../shared/metadata.js';
import { badRequest } from '../shared/swift-errors.js';

/** The ACL changes a container PUT/POST asks for: a string to set, null to remove, undefined to keep. */
export interface AclUpdate {
  readonly read?: string | null | undefined;
  readonly write?: string | null | undefined;
}

export function aclUpdateOf(headers: IncomingHttpHeaders): AclUpdate {
  const one = (kind: 'read' | 'write'): string | null | undefined => {
    if (headers[`x-remove-container-${kind}`] !== undefined) {
      return null;
    }
    const raw = headers[`x-container-${kind}`];
    if (raw === undefined) {
      return undefined;
    }
    const value = cleanAcl(headerText(Array.isArray(raw) ? raw.join(',') : raw), kind);
    return value === '' ? null : value;
  };
  return { read: one('read'), write: one('write') };
}

/** Swift's container_quotas middleware: quotas must be non-negative integers. */
export function checkQuotaMeta(meta: Meta): void {
  for (const [key, what] of [
    ['quota-bytes', 'bytes'],
    ['quota-count', 'count'],
  ] as const) {
    const v = meta[key];
    if (v !== undefined && v !== '' && !/^\d+$/.test(v)) {
      throw badRequest(`Invalid ${what} quota.`);
    }
  }
}

/** Quotas in force on a container (undefined = none). */
export function quotasOf(meta: Meta): { bytes?: number | undefined; count?: number | undefined } {
  const num = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined);
  return { bytes: num(meta['quota-bytes']), count: num(meta['quota-count']) };
}
