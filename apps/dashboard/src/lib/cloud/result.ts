import 'server-only';
import { redirect } from 'next/navigation';
import { toCloudError, type CloudError, type ServiceName } from '../shared/cloud-error.ts';
import { log } from './log.ts';
import { requestId } from './request.ts';

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CloudError };

/**
 * Runs one call to a service on the user's behalf and returns its value or a CloudError in
 * plain words, for the panel to show next to what failed. A token the service no longer
 * accepts ends the session (back to the login page with a message) instead.
 */
export async function attempt<T>(
  service: ServiceName,
  what: string,
  fn: () => Promise<T>,
): Promise<Result<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    const id = await requestId();
    const error = toCloudError(service, err, id);
    if (error.kind === 'unauthorized') {
      redirect('/session-ended?reason=ended');
    }
    const level = error.kind === 'internal' ? 'error' : 'warn';
    log('cloud')[level](
      { service, what, kind: error.kind, err: (err as Error)?.message, request_id: id },
      'service call failed',
    );
    return { ok: false, error };
  }
}

/** The value of a Result, or throws its error (for places where failure ends the page). */
export function unwrap<T>(r: Result<T>): T {
  if (!r.ok) {
    throw new Error(r.error.message);
  }
  return r.value;
}
