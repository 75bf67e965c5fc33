/** Keystone's timestamp format: ISO 8601 with microseconds and `Z` ("2015-03-30T17:49:39.000000Z"). */
export function keystoneTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/**
 * Parse a client timestamp ("2030-01-01T00:00:00", "...Z", "...+02:00"); a time without a
 * zone is UTC, as Keystone reads it. Returns undefined when it is not a date.
 */
export function parseTimestamp(raw: string): number | undefined {
  const s = raw.trim();
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(s)) {
    return undefined;
  }
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(s) && s.length > 10;
  const ms = Date.parse(hasZone ? s : `${s.replace(' ', 'T')}${s.length > 10 ? '' : 'T00:00:00'}Z`);
  return Number.isFinite(ms) ? ms : undefined;
}
