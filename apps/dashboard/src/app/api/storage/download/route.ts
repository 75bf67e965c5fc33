import type { NextRequest } from 'next/server';
import { getObject } from '../../../../lib/cloud/object-store.ts';
import { errorResponse, sessionOrResponse } from '../../../../lib/cloud/route-session.ts';
import { toCloudError } from '../../../../lib/shared/cloud-error.ts';
import { ObjectRefSchema } from '../../../../lib/shared/storage.schemas.ts';

export const dynamic = 'force-dynamic';

/** RFC 6266 filename for Content-Disposition: ASCII fallback plus the UTF-8 name. */
function disposition(name: string): string {
  const base = name.split('/').pop() || 'download';
  const ascii = base.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(base)}`;
}

/** A pull stream over the chunks: the next chunk is asked for only when the client took the last. */
function toStream(chunks: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const it = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const n = await it.next();
      if (n.done) {
        controller.close();
      } else {
        controller.enqueue(n.value);
      }
    },
    async cancel() {
      await it.return?.();
    },
  });
}

/** GET /api/storage/download?container=C&name=N: the object's bytes, streamed through. */
export async function GET(req: NextRequest): Promise<Response> {
  const session = await sessionOrResponse();
  if (session instanceof Response) {
    return session;
  }
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
  try {
    const { info, chunks } = await getObject(
      session,
      parsed.data.container,
      parsed.data.name,
      req.signal,
    );
    return new Response(toStream(chunks), {
      headers: {
        'Content-Type': info.contentType || 'application/octet-stream',
        'Content-Length': String(info.size),
        'Content-Disposition': disposition(info.name),
        ETag: `"${info.etag}"`,
        'Cache-Control': 'private, no-store',
      },
    });
  } catch (err) {
    const e = toCloudError('object-store', err);
    return errorResponse(e.kind, e.message);
  }
}
