import { createHash } from 'node:crypto';

/** Nova's hostId: sha224 of project id + host, so a project can tell its servers apart by host without seeing hosts. */
export function hostIdOf(projectId: string, host: string | null): string {
  return host ? createHash('sha224').update(projectId + host).digest('hex') : '';
}
