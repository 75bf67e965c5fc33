import type { EndpointEntity } from './endpoint.entity.js';
import type { RegionEntity } from './region.entity.js';
import type { ServiceEntity } from './service.entity.js';

export function regionJson(r: RegionEntity, base: string): Record<string, unknown> {
  return {
    ...r.extra,
    id: r.id,
    description: r.description ?? '',
    parent_region_id: r.parentRegionId,
    links: { self: `${base}/regions/${r.id}` },
  };
}

export function serviceJson(s: ServiceEntity, base: string): Record<string, unknown> {
  return {
    ...s.extra,
    id: s.id,
    type: s.type,
    ...(s.name !== null ? { name: s.name } : {}),
    ...(s.description !== null ? { description: s.description } : {}),
    enabled: s.enabled,
    links: { self: `${base}/services/${s.id}` },
  };
}

export function endpointJson(e: EndpointEntity, base: string): Record<string, unknown> {
  return {
    ...e.extra,
    id: e.id,
    interface: e.interface,
    region: e.regionId,
    region_id: e.regionId,
    service_id: e.serviceId,
    url: e.url,
    enabled: e.enabled,
    links: { self: `${base}/endpoints/${e.id}` },
  };
}
