import type { ReactNode } from 'react';

/**
 * Says plainly that a feature is not in the dashboard yet (the service's contract does not
 * offer it to the dashboard), and what to use meanwhile.
 */
export function MissingFeature({ what, children }: { what: string; children?: ReactNode }) {
  return (
    <div className="note note-info" role="note">
      <strong>{what}</strong> {children ?? null}
    </div>
  );
}
