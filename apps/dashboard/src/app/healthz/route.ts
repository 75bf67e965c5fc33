import { reachability } from '../../lib/cloud/health.ts';

export const dynamic = 'force-dynamic';

/**
 * GET /healthz for `tinystack up`: 200 once identity answers (nothing works without it),
 * 503 otherwise. The other services are listed but optional: the dashboard shows a panel
 * as unavailable when its service is missing.
 */
export async function GET(): Promise<Response> {
  const services = await reachability();
  const ok = services.identity === 'ok';
  return Response.json({ status: ok ? 'ok' : 'unavailable', services }, { status: ok ? 200 : 503 });
}
