import type { ImageStatus } from '../images/image.model.js';
import type { ImagesRepository } from '../images/images.repository.js';

/** An upload in progress touches its image this often ... */
export const UPLOAD_HEARTBEAT_MS = 30_000;
/** ... so an image uploading without a touch for this long lost its upload (a crash, a restart). */
export const UPLOAD_LEASE_MS = 4 * UPLOAD_HEARTBEAT_MS;

/** Run `fn` while keeping the image's lease on `status` fresh (see UploadRecoveryService). */
export async function withUploadLease<T>(
  repo: ImagesRepository,
  id: string,
  status: ImageStatus,
  fn: () => Promise<T>,
): Promise<T> {
  const timer = setInterval(
    () => void repo.transition(id, [status], { updatedAt: Date.now() }).catch(() => undefined),
    UPLOAD_HEARTBEAT_MS,
  );
  try {
    return await fn();
  } finally {
    clearInterval(timer);
  }
}
