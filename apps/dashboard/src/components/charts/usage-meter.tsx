/**
 * One quota as a small SVG bar: how much is used of the limit, coloured by how close it
 * is (calm below 75 %, warning to 90 %, danger above). A quota without a limit shows the
 * use alone. The SVG is decorative; the words beside it carry the numbers, and the whole
 * meter is exposed as a `meter`-like image with a complete label for screen readers.
 */
export interface UsageMeterProps {
  readonly label: string;
  readonly used: number;
  /** Undefined or negative: no limit. */
  readonly limit?: number | undefined;
  /** Renders a number (bytes → "1.5 GiB"); defaults to a grouped integer. */
  readonly format?: (n: number) => string;
}

export type UsageLevel = 'ok' | 'warn' | 'full' | 'unlimited';

export function usageLevel(used: number, limit?: number): UsageLevel {
  if (limit === undefined || limit < 0) {
    return 'unlimited';
  }
  if (limit === 0) {
    return used > 0 ? 'full' : 'ok';
  }
  const ratio = used / limit;
  return ratio >= 0.9 ? 'full' : ratio >= 0.75 ? 'warn' : 'ok';
}

const FILL: Record<UsageLevel, string> = {
  ok: 'var(--accent)',
  warn: 'var(--warn)',
  full: 'var(--danger)',
  unlimited: 'var(--muted)',
};

const grouped = (n: number) => n.toLocaleString('en-US');

export function UsageMeter({ label, used, limit, format = grouped }: UsageMeterProps) {
  const level = usageLevel(used, limit);
  const hasLimit = level !== 'unlimited';
  const ratio = hasLimit && limit ? Math.min(1, used / limit) : hasLimit ? 1 : 0;
  const text = hasLimit
    ? `${format(used)} of ${format(limit ?? 0)}`
    : `${format(used)} used, no limit`;
  const percent = hasLimit && limit ? Math.round((used / limit) * 100) : undefined;
  return (
    <div
      className="usage-meter"
      role="img"
      aria-label={`${label}: ${text}${percent !== undefined ? ` (${percent} %)` : ''}`}
    >
      <div className="usage-meter-head" aria-hidden="true">
        <span className="usage-meter-label">{label}</span>
        <span className="usage-meter-value">{text}</span>
      </div>
      <svg
        viewBox="0 0 100 8"
        preserveAspectRatio="none"
        width="100%"
        height="8"
        aria-hidden="true"
        focusable="false"
      >
        <rect x="0" y="0" width="100" height="8" rx="4" fill="var(--surface-2)" />
        {ratio > 0 ? (
          <rect x="0" y="0" width={Math.max(2, ratio * 100)} height="8" rx="4" fill={FILL[level]} />
        ) : null}
      </svg>
    </div>
  );
}
