'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * Re-renders the page from the server every `intervalMs` while `active` (something on it
 * is in a transitional state), and says so; stops by itself once everything settled.
 */
export function AutoRefresh({
  active,
  intervalMs = 3000,
  what,
}: {
  active: boolean;
  intervalMs?: number;
  what: string;
}) {
  const router = useRouter();
  useEffect(() => {
    if (!active) {
      return undefined;
    }
    const t = setInterval(() => {
      if (document.visibilityState === 'visible') {
        router.refresh();
      }
    }, intervalMs);
    return () => clearInterval(t);
  }, [active, intervalMs, router]);
  return (
    <p className="muted" aria-live="polite">
      {active
        ? `Some ${what} are changing state: this list refreshes every ${Math.round(intervalMs / 1000)} s until they settle.`
        : ''}
    </p>
  );
}
