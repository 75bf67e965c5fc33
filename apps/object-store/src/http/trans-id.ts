/**
 * Swift's transaction id, `tx<21 hex>-<10 hex>` (random part, then the Unix time in hex),
 * derived from the request id so log lines (which carry `req-<uuid>`) and responses can
 * be matched: the 21 hex digits are the uuid's first ones.
 */
export function transIdOf(requestId: string): string {
  const hex = requestId.replace(/[^0-9a-f]/gi, '').toLowerCase().padEnd(21, '0').slice(0, 21);
  const time = Math.floor(Date.now() / 1000).toString(16).padStart(10, '0');
  return `tx${hex}-${time}`;
}

/** Headers every Swift response carries besides Date and Content-Type. */
export function swiftHeaders(requestId: string): Record<string, string> {
  const tx = transIdOf(requestId);
  return { 'X-Trans-Id': tx, 'X-Openstack-Request-Id': tx };
}
