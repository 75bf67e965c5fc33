/** Swift's timestamps: X-Timestamp as seconds with 5 decimals, HTTP dates, listing dates. */

let last = 0;

/** A strictly increasing time in ms with 0.01 ms resolution (X-Timestamp precision). */
export function nowTimestampMs(): number {
  const now = Math.round(Date.now() * 100) / 100;
  last = now > last ? now : Math.round((last + 0.01) * 100) / 100;
  return last;
}

/** `1700000000.12345` */
export function xTimestamp(ms: number): string {
  return (ms / 1000).toFixed(5);
}

/** RFC 7231 date of the timestamp rounded up to the second, as Swift's Last-Modified. */
export function lastModifiedHeader(ms: number): string {
  return new Date(Math.ceil(ms / 1000) * 1000).toUTCString();
}

/** `2024-01-31T12:00:00.123450`, the listing `last_modified` format. */
export function listingDate(ms: number): string {
  const d = new Date(Math.floor(ms));
  const micro = Math.round((ms % 1000) * 1000)
    .toString()
    .padStart(6, '0');
  return `${d.toISOString().slice(0, 19)}.${micro}`;
}

/** Parses an HTTP date header; undefined when absent or invalid (and then ignored, as Swift does). */
export function parseHttpDate(value: string | undefined): number | undefined {
  if (!value) {
    return undefined;
  }
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}
