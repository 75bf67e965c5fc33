import type { ListingFormat } from './listing.js';
import type { SwiftReply } from './swift-reply.js';

/** One listed entry, already in Swift's JSON field names; `subdir` entries roll up prefixes. */
export type ListedEntry = Readonly<Record<string, string | number>>;

const CONTENT_TYPES: Record<ListingFormat, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  plain: 'text/plain; charset=utf-8',
};

const xmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * An account or container listing in Swift's formats: JSON array, XML document, or plain
 * names one per line. An empty plain listing is a 204, as Swift answers it.
 */
export function listingReply(
  kind: 'account' | 'container',
  name: string,
  entries: readonly ListedEntry[],
  format: ListingFormat,
  headers: Record<string, string | number>,
): SwiftReply {
  const out = { ...headers, 'Content-Type': CONTENT_TYPES[format] };
  if (format === 'json') {
    return { status: 200, headers: out, body: JSON.stringify(entries) };
  }
  if (format === 'plain') {
    if (entries.length === 0) {
      return { status: 204, headers: out };
    }
    const body = entries.map((e) => `${e['subdir'] ?? e['name']}\n`).join('');
    return { status: 200, headers: out, body };
  }
  const item = kind === 'account' ? 'container' : 'object';
  const parts = entries.map((e) => {
    if (e['subdir'] !== undefined) {
      const dir = xmlEscape(String(e['subdir']));
      return `<subdir name="${dir}"><name>${dir}</name></subdir>`;
    }
    const fields = Object.entries(e)
      .map(([k, v]) => `<${k}>${xmlEscape(String(v))}</${k}>`)
      .join('');
    return `<${item}>${fields}</${item}>`;
  });
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<${kind} name="${xmlEscape(name)}">${parts.join('')}</${kind}>`;
  return { status: 200, headers: out, body };
}
