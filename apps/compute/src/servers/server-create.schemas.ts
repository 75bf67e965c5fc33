import { z } from 'zod';
import { boolLike, intLike, metadataObject, nameString, uuidString } from '../shared/schema-types.js';

const tag = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[^,/]*$/, 'must not contain "," or "/"');

const networkV21 = z.object({ uuid: uuidString.optional(), port: uuidString.optional(), fixed_ip: z.string().optional() }).strict();
const networkV232 = networkV21.extend({ tag: tag.optional() }).strict();

const userData = z
  .string()
  .max(65535)
  .refine((s) => /^[A-Za-z0-9+/\r\n]*={0,2}\s*$/.test(s), 'User data needs to be valid base 64.');

const flavorRef = z.union([z.string().min(1).max(255), z.number().int().transform(String)]);
const imageRef = z.string().max(255);
const hints = z.record(z.string(), z.unknown());

const V21 = {
  name: nameString(),
  imageRef: imageRef.optional(),
  flavorRef,
  adminPass: z.string().optional(),
  metadata: metadataObject.optional(),
  networks: z.array(networkV21).optional(),
  'OS-DCF:diskConfig': z.enum(['AUTO', 'MANUAL']).optional(),
  accessIPv4: z.ipv4().optional(),
  accessIPv6: z.ipv6().optional(),
  personality: z.array(z.object({ path: z.string().max(255), contents: z.string() }).strict()).optional(),
  availability_zone: z.string().max(255).optional(),
  block_device_mapping: z.array(z.record(z.string(), z.unknown())).optional(),
  block_device_mapping_v2: z.array(z.record(z.string(), z.unknown())).optional(),
  config_drive: boolLike.optional(),
  key_name: z.string().min(1).max(255).optional(),
  min_count: intLike(1).optional(),
  max_count: intLike(1).optional(),
  return_reservation_id: boolLike.optional(),
  security_groups: z.array(z.object({ name: z.string().min(1).max(255) }).strict()).optional(),
  user_data: userData.optional(),
};

const V219 = { ...V21, description: z.string().max(255).nullable().optional() };
const V232 = { ...V219, networks: z.array(networkV232).optional() };
const V237 = { ...V232, networks: z.union([z.enum(['auto', 'none']), z.array(networkV232)]) };
const V252 = { ...V237, tags: z.array(tag).max(50).optional() };
const { personality: _personality, ...V257 } = V252;
const V263 = { ...V257, trusted_image_certificates: z.array(z.string().min(1)).max(50).nullable().optional() };
const V274 = { ...V263, host: z.string().min(1).max(255).optional(), hypervisor_hostname: z.string().min(1).max(255).optional() };

const wrap = <T extends z.ZodRawShape>(server: T) =>
  z
    .object({
      server: z.object(server).strict(),
      'os:scheduler_hints': hints.optional(),
      'OS-SCH-HNT:scheduler_hints': hints.optional(),
    })
    .strict();

/** POST /servers, one schema per microversion range where the body changed (Nova's schemas/servers.py). */
export const CREATE_SERVER_SCHEMAS = {
  '2.1': wrap(V21),
  '2.19': wrap(V219),
  '2.32': wrap(V232),
  '2.37': wrap(V237),
  '2.52': wrap(V252),
  '2.57': wrap(V257),
  '2.63': wrap(V263),
  '2.74': wrap(V274),
} as const;

/** The union of every version's fields: what the create service reads. */
export type CreateServerBody = {
  server: Omit<z.infer<ReturnType<typeof wrap<typeof V274>>>['server'], 'networks'> & {
    networks?: 'auto' | 'none' | Array<z.infer<typeof networkV232>>;
    personality?: unknown;
  };
};

const updateV21 = { name: nameString().optional(), accessIPv4: z.ipv4().optional(), accessIPv6: z.ipv6().optional(), 'OS-DCF:diskConfig': z.enum(['AUTO', 'MANUAL']).optional() };
const updateV219 = { ...updateV21, description: z.string().max(255).nullable().optional() };

/** PUT /servers/{id}. */
export const UPDATE_SERVER_SCHEMAS = {
  '2.1': z.object({ server: z.object(updateV21).strict() }).strict(),
  '2.19': z.object({ server: z.object(updateV219).strict() }).strict(),
} as const;
export type UpdateServerBody = { server: z.infer<(typeof UPDATE_SERVER_SCHEMAS)['2.19']>['server'] };

export { tag as serverTag };
