import { z } from 'zod';
import { boolLike, intLike, nameString } from '../shared/schema-types.js';

const flavorId = z
  .string()
  .min(1)
  .max(255)
  .regex(/^(?! )[a-zA-Z0-9. _-]+(?<! )$/, 'must be letters, digits, spaces, dots, dashes or underscores');

const rxtx = z
  .union([z.number(), z.string().regex(/^[0-9]+(\.[0-9]+)?$/)])
  .transform(Number)
  .pipe(z.number().gt(0).max(3.40282e38));

const flavorV21 = {
  name: nameString(),
  id: flavorId.nullable().optional(),
  ram: intLike(1),
  vcpus: intLike(1),
  disk: intLike(0),
  'OS-FLV-EXT-DATA:ephemeral': intLike(0).optional(),
  swap: intLike(0).optional(),
  rxtx_factor: rxtx.optional(),
  'os-flavor-access:is_public': boolLike.optional(),
};

const description = z.string().max(65535).nullable();

/** POST /flavors (flavor-manage create). */
export const createFlavorV21 = z.object({ flavor: z.object(flavorV21).strict() }).strict();
export const createFlavorV255 = z
  .object({ flavor: z.object({ ...flavorV21, description: description.optional() }).strict() })
  .strict();
export type CreateFlavorBody = z.infer<typeof createFlavorV255>;

/** PUT /flavors/{id} (2.55): only the description changes. */
export const updateFlavorV255 = z.object({ flavor: z.object({ description }).strict() }).strict();
export type UpdateFlavorBody = z.infer<typeof updateFlavorV255>;

const specKey = z.string().regex(/^[a-zA-Z0-9-_:. ]{1,255}$/, 'is not a valid extra spec key');
const specValue = z.union([z.string().max(255), z.number(), z.boolean()]).transform(String);

/** POST /flavors/{id}/os-extra_specs. */
export const createExtraSpecs = z.object({ extra_specs: z.record(specKey, specValue) }).strict();
/** PUT /flavors/{id}/os-extra_specs/{key}: exactly one key, the one in the URL. */
export const updateExtraSpec = z.record(specKey, specValue);

/** POST /flavors/{id}/action. */
export const flavorAction = z.union([
  z.object({ addTenantAccess: z.object({ tenant: z.string().min(1).max(255) }).strict() }).strict(),
  z.object({ removeTenantAccess: z.object({ tenant: z.string().min(1).max(255) }).strict() }).strict(),
]);
export type FlavorActionBody = z.infer<typeof flavorAction>;
