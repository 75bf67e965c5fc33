import type { NextRequest } from 'next/server';
import { consoleOutput } from '../../../../lib/cloud/compute.ts';
import { errorResponse, sessionOrResponse } from '../../../../lib/cloud/route-session.ts';

export const dynamic = 'force-dynamic';

/**
 * GET /api/compute/console?id=SERVER&lines=N: the guest's console log (its last N lines,
 * 0 = all) as plain text, for the console panel that polls it to follow the log.
 */
export async function GET(req: NextRequest): Promise<Response> {
  const session = await sessionOrResponse();
  if (session instanceof Response) {
    return session;
  }
  const id = req.nextUrl.searchParams.get('id') ?? '';
  const lines = Number.parseInt(req.nextUrl.searchParams.get('lines') ?? '0', 10);
  if (!/^[0-9a-fA-F-]{1,64}$/.test(id) || !Number.isFinite(lines) || lines < 0 || lines > 10_000) {
    return Response.json({ error: 'Name an instance and a number of lines.' }, { status: 400 });
  }
  const res = await consoleOutput(session, id, lines);
  if (!res.ok) {
    return errorResponse(res.error.kind, res.error.message);
  }
  return new Response(res.value, {
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}
