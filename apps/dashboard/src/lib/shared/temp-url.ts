import { createHmac } from 'node:crypto';

/**
 * Swift TempURL signing (HMAC-SHA256 of `GET\n<expires>\n<path>`), as the object store's
 * tempurl check verifies it. `path` is `/v1/<account>/<container>/<object>`, unencoded.
 */
export function signTempUrl(key: string, method: string, expires: number, path: string): string {
  return createHmac('sha256', key).update(`${method}\n${expires}\n${path}`).digest('hex');
}

/** The container's temp-URL key: derived, so it is the same every time it is needed. */
export function containerTempUrlKey(secret: string, account: string, container: string): string {
  return createHmac('sha256', secret)
    .update(`tinystack-dashboard-tempurl\n${account}\n${container}`)
    .digest('hex');
}

/** Encodes each segment of an object path, keeping its slashes. */
export function encodePath(path: string): string {
  return path
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

export function tempUrl(opts: {
  publicUrl: string;
  key: string;
  account: string;
  container: string;
  object: string;
  expires: number;
}): string {
  const path = `/v1/${opts.account}/${opts.container}/${opts.object}`;
  const sig = signTempUrl(opts.key, 'GET', opts.expires, path);
  const base = opts.publicUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
  return `${base}/v1/${encodePath(opts.account)}/${encodePath(opts.container)}/${encodePath(opts.object)}?temp_url_sig=${sig}&temp_url_expires=${opts.expires}`;
}
