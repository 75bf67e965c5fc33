import type { AuthContext } from '@tinystack/auth';
import { badRequest } from '../shared/swift-errors.js';

/**
 * Swift container ACLs (X-Container-Read / X-Container-Write), as keystoneauth reads
 * them: `.r:<referrer>` (`.r:*` = anyone, `.r:.example.com`, `.r:-bad.example.com`),
 * `.rlistings` (referrer-allowed readers may also list), and grants
 * `<project>:<user>` (ids or names, `*` wildcards) or a role name.
 */
export interface ParsedAcl {
  readonly referrers: readonly string[];
  readonly rlistings: boolean;
  readonly grants: readonly string[];
}

const EMPTY: ParsedAcl = { referrers: [], rlistings: false, grants: [] };

export function parseAcl(header: string | null | undefined): ParsedAcl {
  if (!header) {
    return EMPTY;
  }
  const referrers: string[] = [];
  const grants: string[] = [];
  let rlistings = false;
  for (const raw of header.split(',')) {
    const item = raw.trim();
    if (item === '') {
      continue;
    }
    if (item === '.rlistings') {
      rlistings = true;
    } else if (item.startsWith('.r:') || item.startsWith('.ref:') || item.startsWith('.referer:') || item.startsWith('.referrer:')) {
      const value = item.slice(item.indexOf(':') + 1).trim();
      if (value === '' || value === '-') {
        throw badRequest(`No host/domain value after referrer designation in ACL: ${JSON.stringify(item)}`);
      }
      referrers.push(value.startsWith('*.') ? value.slice(1) : value);
    } else if (item.startsWith('.')) {
      throw badRequest(`Unknown designator ${JSON.stringify(item.split(':')[0])} in ACL: ${JSON.stringify(item)}`);
    } else {
      grants.push(item);
    }
  }
  return { referrers, rlistings, grants };
}

/** Normalises and validates an ACL header value before it is stored (Swift's clean_acl). */
export function cleanAcl(header: string, kind: 'read' | 'write'): string {
  const acl = parseAcl(header);
  if (kind === 'write' && (acl.referrers.length > 0 || acl.rlistings)) {
    throw badRequest('Referrers not allowed in write ACL: ' + JSON.stringify(header));
  }
  return [...acl.referrers.map((r) => `.r:${r}`), ...(acl.rlistings ? ['.rlistings'] : []), ...acl.grants].join(',');
}

/** Swift's referrer_allowed: the last matching entry wins; `-` entries deny. */
export function referrerAllowed(referrers: readonly string[], referer: string | undefined): boolean {
  let host = '';
  if (referer) {
    try {
      host = new URL(referer).hostname;
    } catch {
      host = '';
    }
  }
  let allowed = false;
  for (const r of referrers) {
    const deny = r.startsWith('-');
    const pattern = deny ? r.slice(1) : r;
    const matches = pattern === '*' || (pattern.startsWith('.') ? host.endsWith(pattern) : host === pattern);
    if (matches) {
      allowed = !deny;
    }
  }
  return allowed;
}

/** Whether a grant list names the caller: `<project>:<user>` with ids, names or `*`, or one of its roles. */
export function grantsMatch(grants: readonly string[], caller: AuthContext): boolean {
  const roles = new Set(caller.roles.map((r) => r.name.toLowerCase()));
  return grants.some((g) => {
    const i = g.indexOf(':');
    if (i === -1) {
      return g === '*' || roles.has(g.toLowerCase());
    }
    const project = g.slice(0, i);
    const user = g.slice(i + 1);
    const projectOk = project === '*' || project === caller.projectId || project === caller.projectName;
    const userOk = user === '*' || user === caller.userId || user === caller.userName;
    return projectOk && userOk;
  });
}
