/**
 * The explicit cross-site request check every mutation runs (server actions and the upload
 * and delete route handlers), on top of Next.js's own Origin check for server actions and
 * the SameSite=Lax session cookie.
 *
 * A request is accepted only when the browser says it comes from this origin: the `Origin`
 * header's host equals the `Host` the request was sent to, and `Sec-Fetch-Site` (when the
 * browser sends it) is `same-origin`. A request with neither header is refused: every
 * browser we support sends `Origin` on POST, and tools without a browser have no cookie.
 */
export interface OriginHeaders {
  readonly origin: string | null;
  readonly host: string | null;
  readonly secFetchSite: string | null;
}

export type OriginVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export function checkSameOrigin(h: OriginHeaders): OriginVerdict {
  if (h.secFetchSite !== null && h.secFetchSite !== 'same-origin') {
    return { ok: false, reason: `Sec-Fetch-Site is ${h.secFetchSite}` };
  }
  if (h.origin === null) {
    return h.secFetchSite === 'same-origin'
      ? { ok: true }
      : { ok: false, reason: 'no Origin header' };
  }
  if (!h.host) {
    return { ok: false, reason: 'no Host header' };
  }
  let originHost: string;
  try {
    originHost = new URL(h.origin).host;
  } catch {
    return { ok: false, reason: 'malformed Origin header' };
  }
  return originHost.toLowerCase() === h.host.toLowerCase()
    ? { ok: true }
    : { ok: false, reason: `Origin ${h.origin} is not ${h.host}` };
}
