/**
 * A page cut from `limit + 1` listed items: the first `limit`, and the marker (the id of
 * the last shown) when more followed, for the API's `marker` on the next page.
 */
export function pageOf<T extends { id: string }>(
  listed: readonly T[],
  limit: number,
): { items: T[]; next?: string } {
  const items = listed.slice(0, limit);
  const last = items.at(-1);
  return listed.length > limit && last ? { items, next: last.id } : { items };
}
