import { isAbsolute, resolve } from 'node:path';
import type { Field } from './define-config.js';

interface Opts<T> {
  help: string;
  default?: T;
  sensitive?: boolean;
  /** Required only when this returns true (e.g. S3_ENDPOINT when BLOB_BACKEND=s3). */
  requiredWhen?: (env: Readonly<Record<string, string | undefined>>) => boolean;
}

function field<T>(opts: Opts<T>, convert: (raw: string) => T): Field<T>;
function field<T>(opts: Opts<T>, convert: (raw: string) => T, optional: true): Field<T | undefined>;
function field<T>(opts: Opts<T>, convert: (raw: string) => T): Field<T | undefined> {
  return {
    help: opts.help,
    sensitive: opts.sensitive ?? false,
    parse(raw, env) {
      if (raw === undefined) {
        if (opts.default !== undefined) {
          return opts.default;
        }
        if (opts.requiredWhen && !opts.requiredWhen(env)) {
          return undefined;
        }
        throw new Error('is required');
      }
      return convert(raw);
    },
  };
}

export const str = (opts: Opts<string>) => field(opts, (raw) => raw);

export const optionalStr = (opts: Omit<Opts<string>, 'default'>) =>
  field({ ...opts, requiredWhen: opts.requiredWhen ?? (() => false) }, (raw) => raw, true);

export const int = (opts: Opts<number> & { min?: number; max?: number }) =>
  field(opts, (raw) => {
    if (!/^-?\d+$/.test(raw)) {
      throw new Error('is not an integer');
    }
    const n = Number(raw);
    if (opts.min !== undefined && n < opts.min) {
      throw new Error(`must be at least ${opts.min}`);
    }
    if (opts.max !== undefined && n > opts.max) {
      throw new Error(`must be at most ${opts.max}`);
    }
    return n;
  });

export const port = (opts: Opts<number>) =>
  field(opts, (raw) => {
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < 0 || n > 65535) {
      throw new Error('is not a port (0-65535)');
    }
    return n;
  });

export const bool = (opts: Opts<boolean>) =>
  field(opts, (raw) => {
    const v = raw.toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(v)) {
      return true;
    }
    if (['0', 'false', 'no', 'off'].includes(v)) {
      return false;
    }
    throw new Error('is not a boolean (true/false)');
  });

/** A filesystem path, resolved to absolute. */
export const path = (opts: Opts<string>) =>
  field(opts, (raw) => (isAbsolute(raw) ? raw : resolve(raw)));

export const url = (opts: Omit<Opts<string>, 'default'> & { default?: string; protocols?: string[] }) =>
  field(
    { ...opts, requiredWhen: opts.requiredWhen },
    (raw) => {
      let u: URL;
      try {
        u = new URL(raw);
      } catch {
        throw new Error('is not a URL');
      }
      if (opts.protocols && !opts.protocols.includes(u.protocol.replace(/:$/, ''))) {
        throw new Error(`must use ${opts.protocols.join(' or ')}`);
      }
      return raw.replace(/\/+$/, '');
    },
  );

export const optionalUrl = (opts: Omit<Opts<string>, 'default'> & { protocols?: string[] }) =>
  field(
    { ...opts, requiredWhen: opts.requiredWhen ?? (() => false) },
    (raw) => {
      try {
        const u = new URL(raw);
        if (opts.protocols && !opts.protocols.includes(u.protocol.replace(/:$/, ''))) {
          throw new Error();
        }
      } catch {
        throw new Error(opts.protocols ? `is not a ${opts.protocols.join('/')} URL` : 'is not a URL');
      }
      return raw;
    },
    true,
  );

/** host:port for gRPC targets. */
export const hostPort = (opts: Opts<string>) =>
  field(opts, (raw) => {
    if (!/^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/.test(raw)) {
      throw new Error('is not host:port');
    }
    return raw;
  });

export const oneOf = <const T extends string>(values: readonly T[], opts: Opts<T>) =>
  field(opts, (raw) => {
    if (!(values as readonly string[]).includes(raw)) {
      throw new Error(`must be one of ${values.join(', ')}`);
    }
    return raw as T;
  });

/** Durations like 3600, 3600s, 15m, 1h, 500ms; the value is in milliseconds. */
export const duration = (opts: Opts<number>) =>
  field(opts, (raw) => {
    const m = /^(\d+)(ms|s|m|h|d)?$/.exec(raw.trim());
    if (!m) {
      throw new Error('is not a duration (e.g. 30s, 15m, 1h)');
    }
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] ?? 's'] ?? 1000;
    return Number(m[1]) * unit;
  });
