import 'server-only';
import { headers } from 'next/headers';
import { checkSameOrigin } from '../shared/csrf.ts';
import { log } from './log.ts';

export class CrossSiteRequestError extends Error {
  constructor(reason: string) {
    super(`Refused a cross-site request: ${reason}`);
    this.name = 'CrossSiteRequestError';
  }
}

/** The verdict on the current request's Origin / Sec-Fetch-Site (see shared/csrf.ts). */
export async function sameOrigin(): Promise<{ ok: true } | { ok: false; reason: string }> {
  const h = await headers();
  return checkSameOrigin({
    origin: h.get('origin'),
    host: h.get('host'),
    secFetchSite: h.get('sec-fetch-site'),
  });
}

/** First line of every server action: throws unless the request comes from this origin. */
export async function assertSameOrigin(): Promise<void> {
  const verdict = await sameOrigin();
  if (!verdict.ok) {
    log('csrf').warn({ reason: verdict.reason }, 'cross-site request refused');
    throw new CrossSiteRequestError(verdict.reason);
  }
}

/** The same check for a route handler's Request; returns a 403 Response when it fails. */
export function refuseCrossSite(req: Request): Response | undefined {
  const verdict = checkSameOrigin({
    origin: req.headers.get('origin'),
    host: req.headers.get('host'),
    secFetchSite: req.headers.get('sec-fetch-site'),
  });
  if (verdict.ok) {
    return undefined;
  }
  log('csrf').warn({ reason: verdict.reason }, 'cross-site request refused');
  return Response.json({ error: 'Cross-site requests are not accepted.' }, { status: 403 });
}
