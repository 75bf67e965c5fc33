'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * The guest's console log, following it: asks the dashboard for the last lines every
 * `intervalMs` while the tab is visible and `follow` is on, and keeps the view scrolled to
 * the end unless the reader scrolled up.
 */
export function ConsoleLog({
  serverId,
  intervalMs = 2000,
}: {
  serverId: string;
  intervalMs?: number;
}) {
  const [text, setText] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [follow, setFollow] = useState(true);
  const pre = useRef<HTMLPreElement>(null);
  const atEnd = useRef(true);

  useEffect(() => {
    let stopped = false;
    const load = async () => {
      if (document.visibilityState !== 'visible') {
        return;
      }
      try {
        const res = await fetch(
          `/api/compute/console?id=${encodeURIComponent(serverId)}&lines=500`,
          {
            cache: 'no-store',
          },
        );
        if (stopped) {
          return;
        }
        if (res.ok) {
          setText(await res.text());
          setError(undefined);
        } else {
          const body = (await res.json().catch(() => ({}))) as { error?: string };
          setError(body.error ?? `The console log could not be read (HTTP ${res.status}).`);
        }
      } catch {
        if (!stopped) {
          setError('The dashboard did not answer; retrying.');
        }
      }
    };
    void load();
    const t = follow ? setInterval(() => void load(), intervalMs) : undefined;
    return () => {
      stopped = true;
      clearInterval(t);
    };
  }, [serverId, intervalMs, follow]);

  useEffect(() => {
    const el = pre.current;
    if (el && atEnd.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [text]);

  return (
    <section aria-labelledby="console-title">
      <div className="btn-row">
        <h2 id="console-title">Console log</h2>
        <label>
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />{' '}
          Follow the log
        </label>
      </div>
      {error ? (
        <p className="note note-warn" role="status">
          {error}
        </p>
      ) : null}
      <pre
        ref={pre}
        className="console-log"
        tabIndex={0}
        aria-label="Console log"
        aria-busy={text === undefined}
        onScroll={(e) => {
          const el = e.currentTarget;
          atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {text === undefined ? 'Loading…' : text || '(the console is empty so far)'}
      </pre>
    </section>
  );
}
