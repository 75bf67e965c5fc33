/** Neutron's timestamps: ISO 8601 in UTC without fractions, e.g. 2026-11-26T01:50:00Z. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
