import type { ProjectEntity } from './project.entity.js';

/** Keystone's project representation. */
export function projectJson(p: ProjectEntity, base: string): Record<string, unknown> {
  return {
    ...p.extra,
    id: p.id,
    name: p.name,
    domain_id: p.domainId,
    description: p.description ?? '',
    enabled: p.enabled,
    parent_id: p.parentId,
    is_domain: false,
    tags: p.tags,
    options: {},
    links: { self: `${base}/projects/${p.id}` },
  };
}
