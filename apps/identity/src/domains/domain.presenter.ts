import type { DomainEntity } from './domain.entity.js';

export function domainJson(d: DomainEntity, base: string): Record<string, unknown> {
  return {
    ...d.extra,
    id: d.id,
    name: d.name,
    description: d.description ?? '',
    enabled: d.enabled,
    tags: [],
    options: {},
    links: { self: `${base}/domains/${d.id}` },
  };
}
