import type { NextRequest } from 'next/server';
import { refuseCrossSite } from '../../../../lib/cloud/csrf.ts';
import { log } from '../../../../lib/cloud/log.ts';
import { putObject } from '../../../../lib/cloud/object-store.ts';
import { errorResponse, sessionOrResponse } from '../../../../lib/cloud/route-session.ts';
import { toCloudError } from '../../../../lib/shared/cloud-error.ts';
import { ObjectRefSchema } from '../../../../lib/shared/storage.schemas.ts';

export const dynamic = 'force-dynamic';

/** The container and object name from the query, and a body to read; or the 400 to send. */
function parseTarget(
  req: NextRequest,
): { container: string; name: string; body: ReadableStream<Uint8Array> } | Response {
  const parsed = ObjectRefSchema.safeParse({
    container: req.nextUrl.searchParams.get('container') ?? '',
    name: req.nextUrl.searchParams.get('name') ?? '',
  });
  if (!parsed.success) {
    return Response.json(
      { error: parsed.error.issues.map((i) => i.message).join(' ') },
      { status: 400 },
    );
  }
  if (!req.body) {
    return Response.json({ error: 'The upload has no body.' }, { status: 400 });
  }
  return { ...parsed.data, body: req.body };
}

/**
 * POST /api/storage/upload?container=C&name=N with the file as the raw body: streamed to
 * the object store chunk by chunk as it arrives (never held whole in memory). The page
 * shows the browser's upload progress; this answers once the object is stored.
 */
export async function POST(req: NextRequest): Promise<Response> {
  const refused = refuseCrossSite(req);
  if (refused) {
    return refused;
  }
  const session = await sessionOrResponse();
  if (session instanceof Response) {
    return session;
  }
  const target = parseTarget(req);
  if (target instanceof Response) {
    return target;
  }
  const length = Number(req.headers.get('content-length') ?? '-1');
  try {
    const info = await putObject(
      session,
      {
        container: target.container,
        name: target.name,
        contentType:
          req.headers.get('content-type')?.split(';')[0] === 'application/octet-stream'
            ? ''
            : (req.headers.get('content-type') ?? ''),
        size: Number.isFinite(length) && length >= 0 ? length : -1,
      },
      target.body,
      req.signal,
    );
    log('storage').info({ container: target.container, bytes: info?.size }, 'object uploaded');
    return Response.json({ name: info?.name, size: info?.size, etag: info?.etag }, { status: 201 });
  } catch (err) {
    const e = toCloudError('object-store', err);
    return errorResponse(e.kind, e.message);
  }
}
