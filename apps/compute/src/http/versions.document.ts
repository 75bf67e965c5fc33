import { ApiVersion } from './api-version.js';

/** When v2.1 was introduced, as Nova reports it. */
const UPDATED = '2013-07-23T11:33:21Z';

/** The v2.1 version entry (GET /v2.1 wraps it in `version`, GET / lists it). */
export function versionEntry(publicUrl: string) {
  return {
    id: 'v2.1',
    status: 'CURRENT',
    version: String(ApiVersion.max),
    min_version: String(ApiVersion.min),
    updated: UPDATED,
    links: [{ rel: 'self', href: `${publicUrl}/v2.1/` }],
  };
}

/** GET / : the versions this service serves (only v2.1; the legacy v2.0 API is not served). */
export function versionsDocument(publicUrl: string) {
  return { versions: [versionEntry(publicUrl)] };
}

/** GET /v2.1 : the version document with its media types, as Nova answers. */
export function versionDocument(publicUrl: string) {
  const entry = versionEntry(publicUrl);
  return {
    version: {
      ...entry,
      links: [...entry.links, { rel: 'describedby', type: 'text/html', href: 'http://docs.openstack.org/' }],
      'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.compute+json;version=2.1' }],
    },
  };
}
