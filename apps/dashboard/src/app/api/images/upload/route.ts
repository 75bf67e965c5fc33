import type { NextRequest } from 'next/server';
import { refuseCrossSite } from '../../../../lib/cloud/csrf.ts';
import { uploadImage } from '../../../../lib/cloud/image.ts';
import { log } from '../../../../lib/cloud/log.ts';
import { errorResponse, sessionOrResponse } from '../../../../lib/cloud/route-session.ts';
import { toCloudError } from '../../../../lib/shared/cloud-error.ts';
import { NewImageSchema } from '../../../../lib/shared/image.schemas.ts';

export const dynamic = 'force-dynamic';

/**
 * POST /api/images/upload?name=&diskFormat=&containerFormat=&visibility=&minDisk=&minRam=
 * with the image file as the raw body: a new image whose bytes are streamed to the image
 * service as they arrive. Answers with the image once it is active.
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
  const parsed = NewImageSchema.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!parsed.success) {
    return Response.json(
      { error: parsed.error.issues.map((i) => i.message).join(' ') },
      { status: 400 },
    );
  }
  if (parsed.data.visibility === 'public' && !session.isAdmin) {
    return Response.json({ error: 'Only an admin can make an image public.' }, { status: 403 });
  }
  if (!req.body) {
    return Response.json({ error: 'The upload has no body.' }, { status: 400 });
  }
  const length = Number(req.headers.get('content-length') ?? '-1');
  try {
    const image = await uploadImage(
      session,
      { ...parsed.data, size: Number.isFinite(length) && length >= 0 ? length : -1 },
      req.body,
      req.signal,
    );
    log('images').info({ image_id: image?.id, bytes: image?.size }, 'image uploaded');
    return Response.json(
      { id: image?.id, status: image?.status, size: image?.size },
      { status: 201 },
    );
  } catch (err) {
    const e = toCloudError('image', err);
    return errorResponse(e.kind, e.message);
  }
}
