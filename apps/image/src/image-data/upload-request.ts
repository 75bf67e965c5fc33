import { DomainError } from '@tinystack/errors';
import type { Request, Response } from 'express';

/** Reading image data from a PUT request (file and stage). */

/** The announced body length, when there is one. */
export function contentLengthOf(req: Request): number | undefined {
  const raw = req.headers['content-length'];
  return raw !== undefined && /^\d+$/.test(raw) && req.headers['transfer-encoding'] === undefined ? Number(raw) : undefined;
}

/** The x-image-meta-store header glanceclient sends with --store. */
export const storeHeader = (req: Request): string | undefined => {
  const v = req.headers['x-image-meta-store'];
  return Array.isArray(v) ? v[0] : v;
};

/** Image data travels as application/octet-stream only (Glance's 415 otherwise). */
export function requireOctetStream(req: Request): void {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/octet-stream') {
    throw new DomainError('unsupported_media_type', `The request media type ${type || 'None'} is not supported by this server.`);
  }
}

/**
 * Run an upload handler; when it fails before the body was read to the end, close the
 * connection after the error response instead of reading the rest of a large upload.
 */
export async function consumingUpload(req: Request, res: Response, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (!req.readableEnded) {
      res.setHeader('Connection', 'close');
    }
    throw err;
  }
}
