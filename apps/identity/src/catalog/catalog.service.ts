import { Inject, Injectable } from '@nestjs/common';
import { CatalogRepository } from './catalog.repository.js';

export interface CatalogEndpointJson {
  id: string;
  interface: string;
  region: string | null;
  region_id: string | null;
  url: string;
}

export interface CatalogEntryJson {
  id: string;
  type: string;
  name: string;
  endpoints: CatalogEndpointJson[];
}

/** Another identity instance may change the catalog: re-read at least this often. */
const TEMPLATE_TTL_MS = 5_000;
const SUBSTITUTION = /\$\((\w+)\)s/g;

/** Keystone's URL substitution; undefined when a variable is unknown (the endpoint is left out). */
export function substituteUrl(
  url: string,
  vars: Readonly<Record<string, string | undefined>>,
): string | undefined {
  let missing = false;
  const out = url.replace(SUBSTITUTION, (_, name: string) => {
    const v = vars[name];
    if (v === undefined) {
      missing = true;
      return '';
    }
    return v;
  });
  return missing ? undefined : out;
}

/**
 * The service catalog in tokens and GET /v3/auth/catalog. The template (enabled services
 * with their enabled endpoints) is cached until a catalog write; the per-project result of
 * URL substitution is cached with it.
 */
@Injectable()
export class CatalogService {
  private template: { version: number; at: number; entries: CatalogEntryJson[] } | undefined;
  private readonly perScope = new Map<string, CatalogEntryJson[]>();

  constructor(@Inject(CatalogRepository) private readonly repo: CatalogRepository) {}

  /** The catalog for a token of `userId` scoped to `projectId` (undefined: domain scope). */
  async catalogFor(userId: string, projectId: string | undefined): Promise<CatalogEntryJson[]> {
    const template = await this.currentTemplate();
    const key = `${userId}\u0000${projectId ?? ''}`;
    const hit = this.perScope.get(key);
    if (hit) {
      return hit;
    }
    const vars = { project_id: projectId, tenant_id: projectId, user_id: userId };
    const result = template.map((e) => ({
      ...e,
      endpoints: e.endpoints.flatMap((ep) => {
        const url = substituteUrl(ep.url, vars);
        return url === undefined ? [] : [{ ...ep, url }];
      }),
    }));
    if (this.perScope.size > 10_000) {
      this.perScope.clear();
    }
    this.perScope.set(key, result);
    return result;
  }

  private async currentTemplate(): Promise<CatalogEntryJson[]> {
    const t = this.template;
    if (t && t.version === this.repo.version && Date.now() - t.at < TEMPLATE_TTL_MS) {
      return t.entries;
    }
    const version = this.repo.version;
    const [services, endpoints] = await Promise.all([
      this.repo.services().find({ where: { enabled: true }, order: { type: 'ASC' } }),
      this.repo.endpoints().find({ where: { enabled: true }, order: { id: 'ASC' } }),
    ]);
    const entries = services.map((s) => ({
      id: s.id,
      type: s.type,
      name: s.name ?? '',
      endpoints: endpoints
        .filter((e) => e.serviceId === s.id)
        .map((e) => ({
          id: e.id,
          interface: e.interface,
          region: e.regionId,
          region_id: e.regionId,
          url: e.url,
        })),
    }));
    this.perScope.clear();
    this.template = { version, at: Date.now(), entries };
    return entries;
  }
}
