/**
 * Split a validated request object into the attributes identity models and the rest, which
 * Keystone keeps as free-form "extra" attributes and returns as given.
 */
export function splitExtra<K extends string>(
  input: Record<string, unknown>,
  known: readonly K[],
): { known: Partial<Record<K, unknown>>; extra: Record<string, unknown> } {
  const out: Partial<Record<K, unknown>> = {};
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if ((known as readonly string[]).includes(key)) {
      out[key as K] = value;
    } else {
      extra[key] = value;
    }
  }
  return { known: out, extra };
}

/** Attributes that are never stored as extra: they are computed or belong to the URL. */
export const RESERVED_ATTRIBUTES = ['id', 'links'] as const;
