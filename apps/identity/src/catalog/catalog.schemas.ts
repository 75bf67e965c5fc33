import { z } from 'zod';
import { description, enabled, idString, withExtra, wrapped } from '../shared/schemas.js';
import { INTERFACES } from './endpoint.entity.js';

const regionId = z.string().min(1).max(255);
const endpointUrl = z
  .string()
  .min(1)
  .max(2048)
  .refine((u) => URL.canParse(u.replace(/\$\((\w+)\)s/g, 'x')), { message: 'is not a URL' });

export const createRegionSchema = wrapped(
  'region',
  z
    .object({
      id: regionId.optional(),
      description: description.optional(),
      parent_region_id: regionId.nullable().optional(),
    })
    .catchall(z.unknown()),
);
export const updateRegionSchema = wrapped(
  'region',
  withExtra({
    description: description.optional(),
    parent_region_id: regionId.nullable().optional(),
  }),
);

const service = {
  name: z.string().max(255).nullable().optional(),
  description: description.optional(),
  enabled: enabled.optional(),
};
export const createServiceSchema = wrapped(
  'service',
  withExtra({ ...service, type: z.string().min(1).max(255) }),
);
export const updateServiceSchema = wrapped(
  'service',
  withExtra({ ...service, type: z.string().min(1).max(255).optional() }),
);

const endpoint = {
  interface: z.enum(INTERFACES),
  url: endpointUrl,
  service_id: idString,
  region_id: regionId.nullable().optional(),
  region: regionId.nullable().optional(),
  enabled: enabled.optional(),
};
export const createEndpointSchema = wrapped('endpoint', withExtra(endpoint));
export const updateEndpointSchema = wrapped(
  'endpoint',
  withExtra({
    interface: endpoint.interface.optional(),
    url: endpointUrl.optional(),
    service_id: idString.optional(),
    region_id: endpoint.region_id,
    region: endpoint.region,
    enabled: endpoint.enabled,
  }),
);

export type CreateRegionInput = z.infer<typeof createRegionSchema>['region'];
export type UpdateRegionInput = z.infer<typeof updateRegionSchema>['region'];
export type CreateServiceInput = z.infer<typeof createServiceSchema>['service'];
export type UpdateServiceInput = z.infer<typeof updateServiceSchema>['service'];
export type CreateEndpointInput = z.infer<typeof createEndpointSchema>['endpoint'];
export type UpdateEndpointInput = z.infer<typeof updateEndpointSchema>['endpoint'];

export const REGION_KEYS = ['id', 'description', 'parent_region_id'] as const;
export const SERVICE_KEYS = ['type', 'name', 'description', 'enabled'] as const;
export const ENDPOINT_KEYS = [
  'interface',
  'url',
  'service_id',
  'region_id',
  'region',
  'enabled',
] as const;
