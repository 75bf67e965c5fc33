import type { ObjectContent } from '../large-objects/content-resolver.service.js';
import { headerValue, metaHeaders, parseMetaJson } from '../shared/metadata.js';
import { lastModifiedHeader, xTimestamp } from '../shared/swift-time.js';
import type { ObjectEntity } from './object.entity.js';

/** The headers of an object's GET/HEAD response (without Content-Length / Content-Range). */
export function objectHeaders(row: ObjectEntity, content: ObjectContent): Record<string, string | number> {
  const stored = parseMetaJson(row.headers);
  const out: Record<string, string | number> = {
    'Content-Type': row.contentType,
    Etag: content.etagHeader,
    'Last-Modified': lastModifiedHeader(row.timestamp),
    'X-Timestamp': xTimestamp(row.timestamp),
    'Accept-Ranges': 'bytes',
    ...metaHeaders(parseMetaJson(row.meta), 'object'),
  };
  for (const [k, v] of Object.entries(stored)) {
    out[k.replace(/(^|-)([a-z])/g, (_, d: string, c: string) => d + c.toUpperCase())] = headerValue(v);
  }
  if (row.deleteAt !== null) {
    out['X-Delete-At'] = row.deleteAt;
  }
  if (row.kind === 'slo') {
    out['X-Static-Large-Object'] = 'True';
  }
  if (row.kind === 'dlo') {
    out['X-Object-Manifest'] = headerValue(row.manifest ?? '');
  }
  return out;
}

/** TempURL downloads: Content-Disposition as Swift's tempurl sets it (`filename`, `inline`). */
export function tempUrlDisposition(name: string, query: URLSearchParams): string {
  const filename = query.get('filename') ?? name.split('/').pop() ?? name;
  const quoted = filename.replace(/["\\]/g, '_');
  const type = query.has('inline') ? 'inline' : 'attachment';
  if (type === 'inline' && !query.has('filename')) {
    return 'inline';
  }
  return `${type}; filename="${headerValue(quoted)}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
