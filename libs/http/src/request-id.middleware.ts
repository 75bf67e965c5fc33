import type { NextFunction, Request, Response } from 'express';
import { newRequestId, REQUEST_ID_HEADER, runWithContext, sanitizeRequestId } from '@tinystack/logging';

/** Gives each request an id (the caller's, when well formed), echoes it, and scopes logs to it. */
export function requestIdMiddleware(extraHeaders: (id: string) => Record<string, string> = () => ({})) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const requestId = sanitizeRequestId(req.headers[REQUEST_ID_HEADER]) ?? newRequestId();
    res.setHeader('X-Openstack-Request-Id', requestId);
    for (const [k, v] of Object.entries(extraHeaders(requestId))) {
      res.setHeader(k, v);
    }
    runWithContext({ requestId }, next);
  };
}
