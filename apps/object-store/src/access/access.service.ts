import { Inject, Injectable } from '@nestjs/common';
import { hasRole, isAdmin, type AuthContext } from '@tinystack/auth';
import { grantsMatch, parseAcl, referrerAllowed } from '../acl/acl.js';
import type { ContainerEntity } from '../containers/container.entity.js';
import { forbidden, unauthorized } from '../shared/swift-errors.js';
import { projectOfAccount } from '../shared/swift-path.js';
import { header, type SwiftRequest } from '../shared/swift-request.js';
import { TempUrlService } from '../tempurl/tempurl.service.js';

/** What a request wants to do. */
export type Operation = 'account-read' | 'account-write' | 'container-read' | 'container-write' | 'object-read' | 'object-write';

/** How access was granted: owners see and set everything, ACL/TempURL users only data. */
export type Access = 'owner' | 'acl' | 'tempurl';

const isRead = (op: Operation) => op.endsWith('-read');

/**
 * Swift's keystoneauth rules in one place: an admin (Swift's reseller) reaches any
 * account; a member (or admin) of the account's project owns it; a reader of that project
 * may read it; everyone else needs a container ACL or a TempURL. Denials are 401 for
 * anonymous callers and 403 for authenticated ones, as Swift answers.
 */
@Injectable()
export class AccessService {
  constructor(@Inject(TempUrlService) private readonly tempUrls: TempUrlService) {}

  async authorize(r: SwiftRequest, op: Operation, container?: ContainerEntity | null): Promise<Access> {
    const owner = ownerAccess(r.caller, r.path.account, op);
    if (owner) {
      return owner;
    }
    if (r.query.has('temp_url_sig') && op.startsWith('object-') && (await this.tempUrls.allows(r))) {
      return 'tempurl';
    }
    if (container && aclAllows(r, op, container)) {
      return 'acl';
    }
    throw r.caller ? forbidden() : unauthorized();
  }

  /** gRPC and internal callers: the same rules, without referrers or TempURLs. */
  authorizeCaller(caller: AuthContext, account: string, op: Operation, container?: ContainerEntity | null): Access {
    const owner = ownerAccess(caller, account, op);
    if (owner) {
      return owner;
    }
    if (container && aclAllowsCaller(caller, op, container)) {
      return 'acl';
    }
    throw forbidden();
  }
}

function ownerAccess(caller: AuthContext | undefined, account: string, op: Operation): Access | undefined {
  if (!caller) {
    return undefined;
  }
  if (isAdmin(caller)) {
    return 'owner';
  }
  const project = projectOfAccount(account);
  if (project === undefined || caller.projectId !== project) {
    return undefined;
  }
  if (hasRole(caller, 'member') || (isRead(op) && hasRole(caller, 'reader'))) {
    return 'owner';
  }
  return undefined;
}

function aclAllows(r: SwiftRequest, op: Operation, c: ContainerEntity): boolean {
  if (r.caller && aclAllowsCaller(r.caller, op, c)) {
    return true;
  }
  if (op !== 'object-read' && op !== 'container-read') {
    return false;
  }
  const read = parseAcl(c.readAcl);
  const byReferrer = referrerAllowed(read.referrers, header(r, 'referer'));
  return byReferrer && (op === 'object-read' || read.rlistings);
}

function aclAllowsCaller(caller: AuthContext, op: Operation, c: ContainerEntity): boolean {
  if (op === 'object-read' || op === 'container-read') {
    return grantsMatch(parseAcl(c.readAcl).grants, caller);
  }
  if (op === 'object-write') {
    return grantsMatch(parseAcl(c.writeAcl).grants, caller);
  }
  return false;
}
