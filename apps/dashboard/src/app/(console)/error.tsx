'use client';

import { useEffect, useRef } from 'react';

/** A page that failed as a whole (most often: identity did not answer). */
export default function ConsoleError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div>
      <h1 ref={heading} tabIndex={-1}>
        This page could not be shown
      </h1>
      <div className="note note-error" role="alert">
        {error.message &&
        !error.message.startsWith('An error occurred in the Server Components render')
          ? error.message
          : 'The dashboard failed while building this page.'}
        {error.digest ? <span className="muted"> (reference {error.digest})</span> : null}
      </div>
      <button type="button" className="btn" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
