import 'server-only';
import { getSessionState, type Session } from './session.ts';

/**
 * The session of a route handler's request, or the Response to send instead: route
 * handlers answer fetch/XHR calls from our own pages, which want a status, not a redirect.
 */
export async function sessionOrResponse(): Promise<Session | Response> {
  const s = await getSessionState();
  switch (s.state) {
    case 'active':
      return s.session.project
        ? s.session
        : Response.json({ error: 'Choose a project first.' }, { status: 409 });
    case 'unavailable':
      return Response.json(
        { error: 'Identity is not available right now; try again in a moment.' },
        { status: 503 },
      );
    case 'ended':
      return Response.json(
        { error: 'Your session ended; log in again.', reason: s.reason },
        { status: 401 },
      );
    case 'none':
      return Response.json({ error: 'Log in first.' }, { status: 401 });
  }
}

/** A JSON error for a failed service call, with an HTTP status matching its kind. */
export function errorResponse(kind: string, message: string): Response {
  const status =
    {
      bad_request: 400,
      unauthorized: 401,
      forbidden: 403,
      not_found: 404,
      conflict: 409,
      payload_too_large: 413,
      unprocessable: 422,
      too_many_requests: 429,
      unavailable: 503,
      not_implemented: 501,
    }[kind] ?? 500;
  return Response.json({ error: message, kind }, { status });
}
