import type { IncomingHttpHeaders } from 'node:http';
import { badRequest } from './swift-errors.js';

/** Swift's default metadata constraints (/info `swift` section). */
export const META_LIMITS = {
  max_meta_name_length: 128,
  max_meta_value_length: 256,
  max_meta_count: 90,
  max_meta_overall_size: 4096,
} as const;

export type MetaTarget = 'account' | 'container' | 'object';

/** User metadata: lowercase names (without the X-<Target>-Meta- prefix) to values. */
export type Meta = Record<string, string>;

/** Header values arrive as latin1 strings: turn the raw bytes back into UTF-8 text. */
export function headerText(value: string): string {
  const text = Buffer.from(value, 'latin1').toString('utf8');
  return text.includes('\ufffd') ? value : text;
}

/** A header value for Node (latin1 string) carrying `text` as UTF-8 bytes. */
export function headerValue(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** `color-name` -> `Color-Name`, as Swift returns metadata header names. */
export function titleCase(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}

/**
 * Metadata set by a request: `X-<Target>-Meta-Name: value` (empty value = remove) and
 * `X-Remove-<Target>-Meta-Name` (remove). Validated against Swift's limits (400 bodies as
 * Swift words them).
 */
export function metaFromHeaders(headers: IncomingHttpHeaders, target: MetaTarget): Meta {
  const prefix = `x-${target}-meta-`;
  const removePrefix = `x-remove-${target}-meta-`;
  const meta: Meta = {};
  for (const [key, raw] of Object.entries(headers)) {
    const value = Array.isArray(raw) ? raw.join(',') : (raw ?? '');
    if (key.startsWith(prefix)) {
      meta[key.slice(prefix.length)] = headerText(value);
    } else if (key.startsWith(removePrefix)) {
      meta[key.slice(removePrefix.length)] = '';
    }
  }
  checkMeta(meta, target);
  return meta;
}

export function checkMeta(meta: Meta, target: MetaTarget): void {
  let count = 0;
  let size = 0;
  for (const [name, value] of Object.entries(meta)) {
    const header = `X-${titleCase(target)}-Meta-${titleCase(name)}`;
    if (name === '') {
      throw badRequest('Metadata name cannot be empty');
    }
    if (Buffer.byteLength(name) > META_LIMITS.max_meta_name_length) {
      throw badRequest(`Metadata name too long: ${header}; max ${META_LIMITS.max_meta_name_length}`);
    }
    if (Buffer.byteLength(value) > META_LIMITS.max_meta_value_length) {
      throw badRequest(`Metadata value longer than ${META_LIMITS.max_meta_value_length}: ${header}`);
    }
    count++;
    size += Buffer.byteLength(name) + Buffer.byteLength(value);
  }
  if (count > META_LIMITS.max_meta_count) {
    throw badRequest(`Too many metadata items; max ${META_LIMITS.max_meta_count}`);
  }
  if (size > META_LIMITS.max_meta_overall_size) {
    throw badRequest(`Total metadata too large; max ${META_LIMITS.max_meta_overall_size}`);
  }
}

/** Applies updates (empty value removes) to existing metadata, then checks the result. */
export function mergeMeta(existing: Meta, updates: Meta, target: MetaTarget): Meta {
  const merged: Meta = { ...existing };
  for (const [k, v] of Object.entries(updates)) {
    if (v === '') {
      delete merged[k];
    } else {
      merged[k] = v;
    }
  }
  checkMeta(merged, target);
  return merged;
}

/** Drops removals (empty values): what a PUT stores. */
export function withoutEmpty(meta: Meta): Meta {
  return Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== ''));
}

/** Response headers for stored metadata. */
export function metaHeaders(meta: Meta, target: MetaTarget): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(meta)) {
    out[`X-${titleCase(target)}-Meta-${titleCase(k)}`] = headerValue(v);
  }
  return out;
}

export function parseMetaJson(text: string | null | undefined): Meta {
  if (!text) {
    return {};
  }
  return JSON.parse(text) as Meta;
}
