import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '@tinystack/errors';
import { ApiVersion, negotiateVersion } from './api-version.js';
import { novaFault } from './nova-fault.shape.js';

export const API_PREFIX = '/v2.1';

/** The collections directly under /v2.1: anything else in that place is a legacy project id. */
const TOP_LEVEL = new Set([
  'servers',
  'flavors',
  'os-keypairs',
  'os-availability-zone',
  'os-hypervisors',
  'os-services',
  'limits',
  'os-quota-sets',
  'extensions',
  'os-aggregates',
]);

const VERSION_HEADERS = 'OpenStack-API-Version, X-OpenStack-Nova-API-Version';

export interface VersionedRequest extends Request {
  apiVersion?: ApiVersion;
}

function sendFault(res: Response, status: number, message: string): void {
  const text = JSON.stringify(novaFault(status, message));
  res.status(status).setHeader('Content-Type', 'application/json');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

/**
 * Every request under /v2.1: drops a legacy `/v2.1/{project_id}/` segment (optional since
 * 2.18), reads the microversion, and echoes it in both header styles with Vary. A malformed
 * version is a 400, one outside [min, max] a 406, as Nova answers.
 */
export function microversionMiddleware() {
  return (req: VersionedRequest, res: Response, next: NextFunction): void => {
    const path = req.path;
    if (path !== API_PREFIX && !path.startsWith(`${API_PREFIX}/`)) {
      next();
      return;
    }
    const legacy = /^\/v2\.1\/([^/]+)(\/.*)?$/.exec(path);
    if (legacy?.[1] && legacy[2] && !TOP_LEVEL.has(legacy[1]) && TOP_LEVEL.has(legacy[2].split('/')[1] ?? '')) {
      req.url = `${API_PREFIX}${req.url.slice(API_PREFIX.length + 1 + legacy[1].length)}`;
    }
    let negotiated;
    try {
      negotiated = negotiateVersion(req.headers);
    } catch (err) {
      sendFault(res, 400, err instanceof DomainError ? err.message : 'Invalid API version');
      return;
    }
    if ('unsupported' in negotiated) {
      sendFault(
        res,
        406,
        `Version ${negotiated.unsupported} is not supported by the API. Minimum is ${ApiVersion.min.toString()} and maximum is ${ApiVersion.max.toString()}.`,
      );
      return;
    }
    req.apiVersion = negotiated.version;
    res.setHeader('OpenStack-API-Version', `compute ${negotiated.version.toString()}`);
    res.setHeader('X-OpenStack-Nova-API-Version', String(negotiated.version));
    res.setHeader('Vary', VERSION_HEADERS);
    next();
  };
}
