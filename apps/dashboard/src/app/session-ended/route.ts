import { NextResponse, type NextRequest } from 'next/server';
import { clearSessionCookie, getSessionState } from '../../lib/cloud/session.ts';

export const dynamic = 'force-dynamic';

/**
 * Where a page sends the user when a service stopped accepting their token. If the session
 * really ended, the cookie is cleared and the login page says why; if it is still good
 * (a stale tab), this just goes home. Clearing a dead cookie is the only thing it changes.
 */
export async function GET(req: NextRequest): Promise<NextResponse> {
  const asked = req.nextUrl.searchParams.get('reason');
  const state = await getSessionState();
  // still good (a stale tab), or identity is down and nobody can tell: keep the cookie
  if (state.state === 'active' || state.state === 'unavailable') {
    return NextResponse.redirect(new URL('/', req.url), 303);
  }
  const reason =
    state.state === 'ended'
      ? state.reason
      : asked === 'expired' || asked === 'revoked'
        ? asked
        : 'ended';
  await clearSessionCookie();
  return NextResponse.redirect(new URL(`/login?reason=${reason}`, req.url), 303);
}
