import { badRequest } from '@tinystack/errors';
import { MAX_VERSION, MIN_VERSION } from './microversions.js';

/** A compute API microversion, e.g. 2.61. */
export class ApiVersion {
  private constructor(
    readonly major: number,
    readonly minor: number,
  ) {}

  static readonly min = ApiVersion.parse(MIN_VERSION);
  static readonly max = ApiVersion.parse(MAX_VERSION);

  /** Parse "2.61" (Nova's pattern: no leading zeros); throws a 400 otherwise. */
  static parse(text: string): ApiVersion {
    const m = /^([1-9]\d*)\.([1-9]\d*|0)$/.exec(text);
    if (!m) {
      throw badRequest(`API Version String ${text} is of invalid format. Must be of format MajorNum.MinorNum.`);
    }
    return new ApiVersion(Number(m[1]), Number(m[2]));
  }

  compare(other: ApiVersion): number {
    return this.major - other.major || this.minor - other.minor;
  }

  /** True when this version is `v` or later, e.g. `version.atLeast('2.47')`. */
  atLeast(v: string): boolean {
    return this.compare(ApiVersion.parse(v)) >= 0;
  }

  /** True when this version is before `v`. */
  before(v: string): boolean {
    return !this.atLeast(v);
  }

  isSupported(): boolean {
    return this.compare(ApiVersion.min) >= 0 && this.compare(ApiVersion.max) <= 0;
  }

  toString(): string {
    return `${this.major}.${this.minor}`;
  }
}

type Headers = Readonly<Record<string, string | string[] | undefined>>;

const headerText = (v: string | string[] | undefined): string | undefined =>
  Array.isArray(v) ? v.join(',') : v;

/**
 * The version a request asks for, as Nova reads it (microversion_parse): the `compute` entry
 * of OpenStack-API-Version, else X-OpenStack-Nova-API-Version, else the minimum. "latest"
 * is the maximum. Returns undefined when neither header names a version.
 */
export function requestedVersionText(headers: Headers): string | undefined {
  const modern = headerText(headers['openstack-api-version']);
  if (modern !== undefined) {
    for (const part of modern.split(',')) {
      const [service, version, ...rest] = part.trim().split(/\s+/);
      if (service?.toLowerCase() === 'compute' && version && rest.length === 0) {
        return version;
      }
    }
  }
  const legacy = headerText(headers['x-openstack-nova-api-version']);
  return legacy === undefined ? undefined : legacy.trim();
}

/**
 * The version to serve: parsed and checked. Throws a 400 for a malformed version; returns
 * `{ unsupported }` for a well-formed one outside [min, max] (Nova answers 406).
 */
export function negotiateVersion(headers: Headers): { version: ApiVersion } | { unsupported: string } {
  const text = requestedVersionText(headers);
  if (text === undefined) {
    return { version: ApiVersion.min };
  }
  if (text.toLowerCase() === 'latest') {
    return { version: ApiVersion.max };
  }
  const version = ApiVersion.parse(text);
  return version.isSupported() ? { version } : { unsupported: text };
}
