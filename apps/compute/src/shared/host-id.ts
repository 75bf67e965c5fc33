import { createHash } from 'node:crypto';

/** Nova's hostId: sha224 of project id + host, so a project can tell its servers apart by host without seeing hosts. */
export function hostIdOf(projectId: string, host: string | null): string {
  if (!host) {
    return '';
  }
  const key = `${projectId}\n${host}`;
  let id = cache.get(key);
  if (id === undefined) {
    id = createHash('sha224').update(projectId + host).digest('hex');
    if (cache.size > 10_000) {
      cache.clear();
    }
    cache.set(key, id);
  }
  return id;
}

/** Listings repeat the same few (project, host) pairs: hash each once. */
const cache = new Map<string, string>();
