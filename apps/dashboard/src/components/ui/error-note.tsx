import type { CloudError } from '../../lib/shared/cloud-error.ts';

/** A failure in plain words, shown right next to what failed. */
export function ErrorNote({ error, title }: { error: CloudError | string; title?: string }) {
  const message = typeof error === 'string' ? error : error.message;
  return (
    <div className="note note-error" role="alert">
      {title ? <strong>{title}: </strong> : null}
      {message}
    </div>
  );
}

/** A service that is not running (or not written yet): said calmly, not as an error. */
export function UnavailableNote({ what }: { what: string }) {
  return (
    <div className="note note-warn" role="status">
      {what} is not available: the service is not running or does not answer. The rest of the
      dashboard works without it.
    </div>
  );
}
