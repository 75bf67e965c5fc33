/** Nova's `created` / `updated`: ISO 8601 in seconds with a Z ("2024-05-01T10:11:12Z"). */
export function isoZ(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Nova's `launched_at`, action times...: microseconds and no zone ("2024-05-01T10:11:12.000000"). */
export function isoMicro(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined) {
    return null;
  }
  return new Date(ms).toISOString().replace(/Z$/, '000');
}

/**
 * A time filter (changes-since, changes-before) as Nova accepts it: ISO 8601 with or
 * without a zone (UTC when absent). Returns undefined when it is not a date.
 */
export function parseIsoTime(text: string): number | undefined {
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
  const ms = Date.parse(hasZone ? text : `${text}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}
