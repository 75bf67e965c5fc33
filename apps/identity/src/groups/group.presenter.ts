import type { GroupEntity } from './group.entity.js';

export function groupJson(g: GroupEntity, base: string): Record<string, unknown> {
  return {
    ...g.extra,
    id: g.id,
    name: g.name,
    domain_id: g.domainId,
    description: g.description ?? '',
    links: { self: `${base}/groups/${g.id}` },
  };
}
