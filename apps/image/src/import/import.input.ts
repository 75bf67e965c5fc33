import { InvalidImageInput } from '../images/images.errors.js';

/** The one import method: data staged with PUT /stage, then imported. */
export const IMPORT_METHODS = ['glance-direct'] as const;

/** The one store image bytes go to (/v2/info/stores). */
export const STORES = [
  { id: 'object-store', description: 'tinystack object storage: image bytes in the image service account', default: true },
] as const;

/** A store named by a client (x-image-meta-store, import's stores) must be ours (400 otherwise). */
export function checkStore(id: string | undefined): void {
  if (id !== undefined && !STORES.some((s) => s.id === id)) {
    throw new InvalidImageInput(`Store for identifier ${id} not found`);
  }
}

/** POST /v2/images/{id}/import: {"method": {"name": "glance-direct"}, "stores"?, "all_stores"?, ...}. */
export function parseImportRequest(body: unknown): { method: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidImageInput('Body expected in request.');
  }
  const o = body as Record<string, unknown>;
  const method = o['method'];
  if (typeof method !== 'object' || method === null) {
    throw new InvalidImageInput("Import request requires a 'method' field.");
  }
  const name = (method as Record<string, unknown>)['name'];
  if (typeof name !== 'string') {
    throw new InvalidImageInput("Import request requires a 'name' field.");
  }
  if (!(IMPORT_METHODS as readonly string[]).includes(name)) {
    throw new InvalidImageInput(`Unknown import method name '${name}'.`);
  }
  const stores = o['stores'];
  if (stores !== undefined) {
    if (!Array.isArray(stores) || !stores.every((s) => typeof s === 'string')) {
      throw new InvalidImageInput("'stores' must be a list of store identifiers.");
    }
    stores.forEach((s: string) => checkStore(s));
  }
  return { method: name };
}
